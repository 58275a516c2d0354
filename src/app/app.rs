//! The root component: owns the state, computes the current mode's outputs once per change,
//! runs the effects (key generation, certificates, storage, the leave-page guard, downloads)
//! and hands each section only what it shows.

use super::components::file_input::FileBytes;
use super::components::make_callback;
use super::components::sections::{
    CloudflareSection, FinishSection, GenerateProps, GenerateSection, JumpCloudSection,
    MetadataSection, ModeSwitch, PageFooter, RenewSection, RotationSection, SetupSection,
    SummaryFacts,
};
use super::effects::{
    generate_callback, import_action, key_size_callback, save, use_leave_guard, use_reissue,
    use_remember_inputs, use_renewal, use_staged_catch_up, use_warm_up, use_workers_ahead,
};
use super::outputs::{FileSpec, Outputs};
use super::props::{self, field_views, use_dispatch_callback};
use super::staged::{Section, Staged};
use super::state::{Action, Generation, Mode, State};
use super::views::{CloudflareView, DatedView, JumpCloudView, RotationView, section_numbers};
use crate::browser;
use crate::import::InputKind;
use crate::setup::Field;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// The page as it opens: storage is read once, and the inputs are validated once.
fn initial_state() -> State {
    State::start(
        browser::load_inputs().and_then(|json| crate::setup::stored::Remembered::from_json(&json)),
    )
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = state.dispatcher();
    let key_size_ref = use_node_ref();
    // The current mode's files and values, computed once per change.
    // The clock is read here, once per change of the state, never while a section renders.
    let (outputs, dated) = {
        let both = use_memo((*state).clone(), |state| {
            let now = browser::now_unix_seconds();
            (
                Rc::new(Outputs::new(state, state.mode, now)),
                Rc::new(DatedView::of(state, now)),
            )
        });
        both.as_ref().clone()
    };
    // Sections 3 to 5 follow the outputs; a new certificate reaches them one task at a time
    // after the summary, and the first render adds them (then the Advanced fields) one task
    // at a time after the form (src/app/staged.rs). Each section's view is made once per change.
    let staged = use_mut_ref(|| Staged::first(&outputs));
    staged.borrow_mut().follow(&outputs);
    let (shown, behind, advanced) = {
        let staged = staged.borrow();
        let shown = Section::ALL.map(|section| staged.shown(section).cloned());
        (shown, staged.is_behind(), staged.advanced())
    };
    let [jumpcloud_outputs, cloudflare_outputs, finish_outputs] = shown;
    let jumpcloud = use_memo(jumpcloud_outputs.clone(), |o| {
        o.as_deref().map(|o| Rc::new(JumpCloudView::of(o)))
    });
    // Renew's section 3, the rotation plan, follows the same staging as JumpCloud's.
    let rotation = use_memo(jumpcloud_outputs, |o| {
        o.as_deref().and_then(RotationView::of).map(Rc::new)
    });
    let cloudflare = use_memo(cloudflare_outputs, |o| {
        o.as_deref().map(|o| CloudflareView::of(o).map(Rc::new))
    });
    use_staged_catch_up(staged.clone());
    use_workers_ahead(state.start_workers_ahead(!behind));
    use_warm_up(!behind);
    use_remember_inputs(state.form.clone(), state.remember);
    use_leave_guard(state.key_at_risk());
    // Certificate options changed: a new certificate for the same key, in New key's slot and
    // in Renew's "Make a new key" slot; and Renew's read key gets its new certificate.
    let made = |slot: &Option<super::state::Generated>| slot.as_ref().map(|g| g.key.clone());
    use_reissue(&dispatch, made(&state.new_key), state.reissue_due());
    use_reissue(
        &dispatch,
        made(&state.rotation_key),
        state.rotation_reissue_due(),
    );
    use_renewal(
        &dispatch,
        state.renewal_due(),
        state.setup.as_ref().map(|s| s.certificate.clone()),
    );

    let onimport = make_callback(&dispatch, |(kind, bytes): (InputKind, FileBytes)| {
        import_action(kind, bytes)
    });
    // Sections 3 to 5 get callbacks that stay the same across renders (Yew compares them by
    // identity), so a render that changes nothing they show skips them entirely.
    let onannounce = use_dispatch_callback(&dispatch, Action::Announce);
    let onapp = use_dispatch_callback(&dispatch, Action::SetJumpCloudApp);
    let ontab = use_dispatch_callback(&dispatch, Action::SelectTab);
    let ontoggle = use_dispatch_callback(&dispatch, Action::ToggleStep);
    // Made again only when the outputs' content changes (compared by value).
    let ondownload = use_memo(outputs.clone(), {
        let dispatch = dispatch.clone();
        move |outputs| {
            let outputs = outputs.clone();
            make_callback(&dispatch, move |file: FileSpec| save(&outputs, file))
        }
    });
    let ondownload = (*ondownload).clone();

    let ongenerate = generate_callback(state.clone());
    let onkeysize = key_size_callback(state.clone(), key_size_ref.clone());

    let summary = |mode: Mode| {
        state
            .active_key(mode)
            .map(|active| SummaryFacts::of(&active))
    };
    let imports = &state.imports;
    let error = |kind: InputKind| imports.error(kind).map(|e| AttrValue::from(e.to_string()));
    let generate = GenerateProps {
        blocker: state.generate_blocker().map(AttrValue::from),
        generation: state.generation.clone(),
        worker_refused: state.worker_refused.clone().map(AttrValue::from),
        oncancel: make_callback(&dispatch, super::builtin::cancel),
        key_size: state.form.key_size,
        summary: summary(state.mode),
        ongenerate,
    };
    let section = match state.mode {
        Mode::NewKey => html! { <GenerateSection ..generate /> },
        Mode::Renew => html! {
            <RenewSection
                renew_key={state.renew_key}
                imported={state.renewal.as_ref().map(|r| (r.key.clone(), r.format))}
                key_error={error(InputKind::PrivateKey)}
                {generate}
                current_count={state.current_certificates().len()}
                current_from_metadata={imports.current.as_ref().is_some_and(|c| c.metadata.is_some())}
                certificate_error={error(InputKind::Certificate)}
                cards={dated.rotation_cards.clone()}
                differences={Rc::new(state.renew_differences())}
                keep_current={imports.keep_current}
                files={imports.files.clone()}
                summary={summary(Mode::Renew)}
                onrenewkey={make_callback(&dispatch, Action::SetRenewKey)}
                onimport={onimport.clone()}
                onkeepcurrent={make_callback(&dispatch, Action::SetKeepCurrent)} />
        },
        Mode::FromMetadata => html! {
            <MetadataSection
                metadata={imports.metadata.clone()}
                error={error(InputKind::Metadata)}
                files={imports.files.clone()}
                problem={state.metadata_setup().and_then(Result::err).map(|problems| AttrValue::from(problems.to_string()))}
                certificates={dated.metadata_certificates.clone()}
                renew_due_in_days={dated.renew_due_in_days}
                onimport={onimport.clone()}
                onrenew={make_callback(&dispatch, |(): ()| Action::RenewFromMetadata)} />
        },
        Mode::CheckResponse => match &dated.check {
            Some(check) => props::response_check(&state, check, &dispatch, onimport.clone()),
            // Not reached: the dated view of a Check a SAML response state always has its check.
            None => html! {},
        },
    };
    let (cloudflare_number, finish_number) = section_numbers(state.mode);
    let checklist = Rc::new(
        finish_outputs
            .as_deref()
            .map(super::outputs::Outputs::checklist)
            .unwrap_or_default(),
    );
    let checked: Vec<bool> = (0..checklist.len())
        .map(|i| state.checked.contains(&(state.mode, i)))
        .collect();

    html! {
        <>
            <a class="skip-link" href="#setup">{ "Skip to the form" }</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <h1>{ "SAML IdP Kit" }</h1>
                    <p class="tagline">{ "Set up JumpCloud as the SAML identity provider for Cloudflare Access — key, certificate and every value, in one page." }</p>
                    <p class="privacy">{ "Everything happens in this browser tab: no key, certificate or setting is ever sent anywhere. This page makes no network requests and works offline." }</p>
                </div>
            </header>
            <main class="page" aria-busy={behind.then_some("true")}>
                <ModeSwitch mode={state.mode} onmode={make_callback(&dispatch, Action::SetMode)} />
                <SetupSection
                    mode={state.mode}
                    {advanced}
                    fields={Rc::new(field_views(&state))}
                    key_size={state.form.key_size}
                    makes_key={state.makes_key()}
                    key_format={state.form.key_format}
                    imported_key={state.renewal.as_ref().map(|r| (r.key.size(), r.format))}
                    profile={state.form.profile}
                    sign_request={state.form.sign_request}
                    remember={state.remember}
                    key_size_ref={key_size_ref.clone()}
                    generating={matches!(state.generation, Generation::Running(_))}
                    onedit={make_callback(&dispatch, |(field, text): (Field, String)| Action::Edit(field, text))}
                    onleave={make_callback(&dispatch, Action::Leave)}
                    {onkeysize}
                    onkeyformat={make_callback(&dispatch, Action::SetKeyFormat)}
                    onprofile={make_callback(&dispatch, Action::SetProfile)}
                    onsignrequest={make_callback(&dispatch, Action::SetSignRequest)}
                    onremember={make_callback(&dispatch, Action::SetRemember)}
                    onreset={make_callback(&dispatch, |(): ()| Action::Reset)} />
                { props::provisioning(&state, &dispatch) }
                { section }
                if state.mode == Mode::Renew {
                    <RotationSection
                        view={(*rotation).clone()}
                        ondownload={ondownload.clone()}
                        onannounce={onannounce.clone()}
                        oncheck={make_callback(&dispatch, |(): ()| Action::CheckNewCertificate)} />
                }
                if let (true, Some(view)) = (state.mode == Mode::NewKey, (*jumpcloud).clone()) {
                    <JumpCloudSection
                        app={state.form.jumpcloud_app}
                        {view}
                        {onapp}
                        ondownload={ondownload.clone()}
                        onannounce={onannounce.clone()} />
                }
                if let (true, Some(view)) = (state.mode != Mode::CheckResponse, (*cloudflare).clone()) {
                    <CloudflareSection
                        number={cloudflare_number}
                        {view}
                        tab={state.tab}
                        {ontab}
                        ondownload={ondownload.clone()}
                        onannounce={onannounce.clone()} />
                }
                if let (true, Some(finish)) = (state.mode != Mode::CheckResponse, &finish_outputs) {
                    <FinishSection
                        number={finish_number}
                        {checklist}
                        downloads={finish.finish_downloads()}
                        {checked}
                        {ondownload}
                        {ontoggle} />
                }
            </main>
            // Outside <main>, whose aria-busy would hold announcements back while it catches up.
            <p class="visually-hidden" role="status" aria-live="polite" id="announcer">{ state.announcement.clone() }</p>
            // The first render adds the footer with section 5.
            if finish_outputs.is_some() {
                <PageFooter />
            }
        </>
    }
}
