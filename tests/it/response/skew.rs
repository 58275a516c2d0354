//! The Time window line allows 3 minutes of clock skew each way, says so, and fails one second
//! beyond (assertion-signed.xml: NotBefore 09:58:00Z, NotOnOrAfter 10:05:00Z, clock 10:00:00Z).

use super::{clock, expected, fixture};
use saml_idp_kit::response::{self, Check, Status};

fn time_window_at(offset: i64) -> (Status, String) {
    let now = clock().checked_add_signed(offset).unwrap();
    let report = response::check(&fixture("assertion-signed.xml"), &expected(), now).unwrap();
    let line = report.line(Check::TimeWindow).unwrap();
    (line.status, line.detail.clone())
}

#[test]
fn an_expired_bound_passes_within_three_minutes_and_fails_after() {
    let (status, detail) = time_window_at(300 + 179);
    assert_eq!(status, Status::Pass, "{detail}");
    assert!(detail.contains("Allowed clock skew: 3 min."), "{detail}");
    let (status, detail) = time_window_at(300 + 180);
    assert_eq!(status, Status::Fail, "{detail}");
    assert!(
        detail.starts_with("Expired: NotOnOrAfter was 2027-01-15T10:05:00Z, 3 min before"),
        "{detail}"
    );
    assert!(detail.contains("Allowed clock skew: 3 min."), "{detail}");
}

#[test]
fn an_early_response_passes_within_three_minutes_and_fails_after() {
    let (status, detail) = time_window_at(-120 - 180);
    assert_eq!(status, Status::Pass, "{detail}");
    let (status, detail) = time_window_at(-120 - 181);
    assert_eq!(status, Status::Fail, "{detail}");
    assert!(
        detail.starts_with("Not yet valid: NotBefore is 2027-01-15T09:58:00Z, 3 min 1 s after"),
        "{detail}"
    );
}
