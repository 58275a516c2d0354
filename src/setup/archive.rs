//! A ZIP archive of stored (uncompressed) files, written by hand: the page's "Download all"
//! needs only this much of the format, and the `zip` crate with its writer, error texts and
//! CRC tables was about 30 KB of the wasm (docs/size.md).
//!
//! The layout follows PKWARE's APPNOTE.TXT (6.3.10): for each file a local file header (4.3.7)
//! and the bytes, then the central directory (4.3.12) and its end record (4.3.16). No
//! compression, encryption, data descriptors, extra fields or ZIP64: sizes and offsets must fit
//! in 32 bits and the count in 16. Names are ASCII (the page's file names are); the entries say
//! "made by Unix" so unzip applies their permissions.

/// One file for [`stored_zip`].
pub struct Entry<'a> {
    /// Its name in the archive.
    pub name: &'a str,
    /// Its content.
    pub bytes: &'a [u8],
    /// Unix permission bits (e.g. 0o600).
    pub mode: u32,
}

/// Why an archive could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// More than 65,535 files.
    TooManyFiles,
    /// A size or offset over 4 GiB.
    TooLarge,
    /// A name that is not ASCII or longer than 65,535 bytes.
    Name,
}

impl Limit {
    /// What went wrong, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Limit::TooManyFiles => "too many files",
            Limit::TooLarge => "a file or the archive is over 4 GiB",
            Limit::Name => "a file name that is not plain ASCII",
        }
    }
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version needed to extract: 1.0, stored files (APPNOTE 4.4.3.2).
const VERSION_NEEDED: u16 = 10;
/// Version made by: host 3 (Unix) in the high byte, APPNOTE 2.0 in the low (4.4.2).
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// A regular file, in the Unix mode that the external attributes carry (4.4.15).
const REGULAR_FILE: u32 = 0o100_000;

/// The archive of `entries`, each stamped with `dos_time` (MS-DOS date and time, see
/// [`dos_date_time`]); the same input always gives the same bytes.
pub fn stored_zip(entries: &[Entry<'_>], dos_time: (u16, u16)) -> Result<Vec<u8>, Limit> {
    let count = u16::try_from(entries.len()).map_err(|_| Limit::TooManyFiles)?;
    let capacity = entries
        .iter()
        .map(|e| 30 + 46 + 2 * e.name.len() + e.bytes.len())
        .sum::<usize>()
        + 22;
    let mut out = Vec::with_capacity(capacity);
    let mut central = Vec::new();
    let u32_of = |n: usize| u32::try_from(n).map_err(|_| Limit::TooLarge);
    let (time, date) = dos_time;
    for entry in entries {
        if !entry.name.is_ascii() {
            return Err(Limit::Name);
        }
        let name_len = u16::try_from(entry.name.len()).map_err(|_| Limit::Name)?;
        let size = u32_of(entry.bytes.len())?;
        let offset = u32_of(out.len())?;
        let crc = crc32(entry.bytes);
        // Fields shared by the two headers, from "version needed" to "extra field length".
        let mut common = Vec::with_capacity(26);
        for half in [VERSION_NEEDED, 0, 0, time, date] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [crc, size, size] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());

        out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(entry.bytes);

        central.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        central.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        central.extend_from_slice(&common);
        // Comment length, disk number, internal attributes.
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&((REGULAR_FILE | (entry.mode & 0o7777)) << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(entry.name.as_bytes());
    }
    let central_offset = u32_of(out.len())?;
    let central_size = u32_of(central.len())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&END_OF_CENTRAL_DIRECTORY.to_le_bytes());
    // This disk, the disk with the directory, then the entry counts on it and in all.
    for half in [0, 0, count, count] {
        out.extend_from_slice(&half.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    u32_of(out.len())?;
    Ok(out)
}

/// MS-DOS (time, date) of a UTC date and time (APPNOTE 4.4.6): two-second resolution,
/// years 1980 to 2107. Outside that range, or for an impossible date, 1980-01-01 00:00:00.
pub fn dos_date_time(
    year: u64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
) -> (u16, u16) {
    let fits = (1980..=2107).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    if !fits {
        return (0, (1 << 5) | 1);
    }
    let date = ((year - 1980) as u16) << 9 | u16::from(month) << 5 | u16::from(day);
    let time = u16::from(hour) << 11 | u16::from(minute) << 5 | u16::from(second.min(59) / 2);
    (time, date)
}

/// CRC-32 as ZIP uses it (ISO 3309, reflected, polynomial 0xEDB88320), a bit at a time: the
/// archive's files are a few KB, and a table would be 1 KB of wasm data for nothing.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & 0u32.wrapping_sub(crc & 1));
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        // The standard check value of CRC-32/ISO-HDLC for "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn dos_times_and_their_range() {
        // 2026-11-29 16:20:07 -> seconds in two-second steps.
        let (time, date) = dos_date_time(2026, 11, 29, 16, 20, 7);
        assert_eq!(date, (46 << 9) | (11 << 5) | 29);
        assert_eq!(time, (16 << 11) | (20 << 5) | 3);
        assert_eq!(dos_date_time(2107, 12, 31, 23, 59, 59).1 >> 9, 127);
        let epoch = (0, (1 << 5) | 1);
        assert_eq!(dos_date_time(1979, 12, 31, 23, 59, 59), epoch);
        assert_eq!(dos_date_time(2108, 1, 1, 0, 0, 0), epoch);
        assert_eq!(dos_date_time(2026, 13, 1, 0, 0, 0), epoch);
    }

    #[test]
    fn refuses_what_the_format_cannot_hold() {
        let entry = |name| Entry {
            name,
            bytes: b"x",
            mode: 0o644,
        };
        assert_eq!(
            stored_zip(&[entry("caf\u{e9}.txt")], (0, 33)),
            Err(Limit::Name)
        );
        let many: Vec<Entry<'_>> = (0..=u16::MAX as usize).map(|_| entry("a")).collect();
        assert_eq!(stored_zip(&many, (0, 33)), Err(Limit::TooManyFiles));
        assert!(stored_zip(&many[1..], (0, 33)).is_ok());
    }

    #[test]
    fn an_empty_archive_is_just_the_end_record() {
        let bytes = stored_zip(&[], (0, 33));
        assert_eq!(bytes.map(|b| b.len()), Ok(22));
    }
}
