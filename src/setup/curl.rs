//! The curl commands that send the API bodies.
//!
//! User text never enters a shell line: the bodies travel in the JSON files, and the account
//! ID, token, identity provider ID and SCIM secret stay shell variables or files. The token is
//! read with `read -rs`, so it is neither echoed nor saved in the shell history.

use super::Setup;
use super::files::{ACCESS_GROUP_FILE, API_BODY_FILE, API_FINAL_BODY_FILE, API_UPDATE_BODY_FILE};

/// The API base (cloudflare/api-schemas openapi.json: `servers[0].url`).
const API: &str = "https://api.cloudflare.com/client/v4";
/// `POST|GET /accounts/{account_id}/access/identity_providers`, account ID as a variable.
const IDENTITY_PROVIDERS_URL: &str = "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers";
/// `POST /accounts/{account_id}/access/groups`, account ID as a variable.
const GROUPS_URL: &str =
    "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/groups";
/// Where the create command saves the SCIM secret (owner-only), when SCIM is on.
pub const SCIM_SECRET_FILE: &str = "scim-secret.txt";

/// The comment lines every command starts with. Only the team name (a checked DNS label) comes
/// from the form; everything else is fixed text.
fn preamble(setup: &Setup, action: &str, extra_exports: &str, files: &str) -> String {
    debug_assert!(IDENTITY_PROVIDERS_URL.starts_with(API));
    format!(
        "# {action} for the Cloudflare Access team {team}.\n\
         # The API token needs permission to edit Access identity providers\n\
         # (Account > Access: Organizations, Identity Providers, and Groups > Edit).\n\
         # Set the account ID, and read the token without echoing it or saving it in history:\n\
         #   export CLOUDFLARE_ACCOUNT_ID=<your account ID>\n\
         {extra_exports}\
         #   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN\n\
         # Then run this in the folder that holds {files}:\n",
        team = setup.team.as_str(),
    )
}

/// A `curl` POST of `data` (a file as `@name`, or `@-` for standard input) to `url`, with the
/// token header; each line but the last ends in ` \`. `indent` prefixes the continuation lines.
fn post(url: &str, data: &str, indent: &str, quiet: bool) -> String {
    let quiet = if quiet { " --silent --show-error" } else { "" };
    format!(
        "curl --fail-with-body{quiet} --request POST \\\n\
         {indent}  \"{url}\" \\\n\
         {indent}  --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n\
         {indent}  --header \"Content-Type: application/json\" \\\n\
         {indent}  --data {data}"
    )
}

/// The commands that create the identity provider from `cloudflare-identity-provider.json`,
/// and, when the setup lists JumpCloud groups, the Access group from
/// `cloudflare-access-group.json` with the new identity provider's ID put in by `jq`.
///
/// With SCIM on, the create response is the only place the SCIM secret ever appears
/// (`.result.scim_config.secret`): the commands keep the response in a variable and write the
/// secret to an owner-only file instead of printing it.
pub fn curl_command(setup: &Setup) -> String {
    let groups = !setup.allowed_groups.is_empty();
    let scim = setup.scim.is_some();
    let files = if groups {
        format!("{API_BODY_FILE} and {ACCESS_GROUP_FILE}")
    } else {
        API_BODY_FILE.to_owned()
    };
    let action = if groups {
        "Creates the JumpCloud SAML identity provider and its Access group"
    } else {
        "Creates the JumpCloud SAML identity provider"
    };
    let mut out = preamble(setup, action, "", &files);
    if !groups && !scim {
        out.push_str(&post(
            IDENTITY_PROVIDERS_URL,
            &format!("@{API_BODY_FILE}"),
            "",
            false,
        ));
        out.push('\n');
        return out;
    }
    out.push_str(
        "# The response is kept in a variable; jq (https://jqlang.org) reads the new ID from it.\n",
    );
    if scim {
        out.push_str(&format!(
            "# The SCIM secret is in this response only (.result.scim_config.secret): it goes to\n\
             # {SCIM_SECRET_FILE} (readable by you only), never to the terminal. Paste it into\n\
             # JumpCloud's Token Key, then delete the file.\n"
        ));
    }
    out.push_str(&format!(
        "CLOUDFLARE_IDP_RESPONSE=$({}) &&\n",
        post(
            IDENTITY_PROVIDERS_URL,
            &format!("@{API_BODY_FILE}"),
            "",
            true
        )
    ));
    out.push_str(
        "CLOUDFLARE_IDP_ID=$(printf '%s' \"$CLOUDFLARE_IDP_RESPONSE\" | jq -r .result.id) &&\n\
         echo \"Identity provider ID: $CLOUDFLARE_IDP_ID\"",
    );
    if scim {
        out.push_str(&format!(
            " &&\n(umask 077 && printf '%s' \"$CLOUDFLARE_IDP_RESPONSE\" | jq -j .result.scim_config.secret > {SCIM_SECRET_FILE}) &&\n\
             echo \"SCIM secret saved to {SCIM_SECRET_FILE}\""
        ));
    }
    if groups {
        out.push_str(&format!(
            " &&\njq --arg id \"$CLOUDFLARE_IDP_ID\" '.include[].saml.identity_provider_id = $id' {ACCESS_GROUP_FILE} |\n  {}",
            post(GROUPS_URL, "@-", "  ", false)
        ));
    }
    out.push_str(
        "\n# If a step fails, show the API's answer with: printf '%s\\n' \"$CLOUDFLARE_IDP_RESPONSE\"\n",
    );
    out
}

/// Where the identity provider's ID comes from, for the update commands' preamble: the list
/// call (cloudflare/cloudflare-docs generic-saml.mdx, commit
/// 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "the `id` value obtained from List Access identity
/// providers").
pub const IDENTITY_PROVIDER_ID_HINT: &str = "The identity provider's ID: Cloudflare's docs take it from the list of identity providers;\n# this command prints each SAML provider's ID and name:";

/// `GET /accounts/{account_id}/access/identity_providers`, printing each SAML provider's ID and
/// name (jq), to find the ID the update commands need.
pub fn list_identity_providers_command() -> String {
    format!(
        "curl --fail-with-body --silent --show-error \\\n  \
         \"{IDENTITY_PROVIDERS_URL}\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" |\n  \
         jq -r '.result[] | select(.type == \"saml\") | \"\\(.id)  \\(.name)\"'\n"
    )
}

/// A `PUT …/{id}` of `file` that keeps the provider's SCIM settings as Cloudflare has them.
///
/// A `PUT` replaces the whole identity provider. `scim_config.secret` is read-only ("generated
/// when the SCIM integration is enabled for the first time … redacted on subsequent requests";
/// only `refresh_scim_secret` makes a new one: Cloudflare's API schema), so no body sends it and
/// no update changes it; but a body without `scim_config` could turn SCIM off. The command
/// therefore reads the provider first and copies its `scim_config` (less the read-only
/// `secret` and `scim_base_url`) into the body, so a rotation never changes SCIM, whatever the
/// form says.
fn put_keeping_scim(setup: &Setup, action: &str, file: &str) -> String {
    let list = list_identity_providers_command();
    let list = list.trim_end().replace('\n', "\n# ");
    format!(
        "{preamble}# {IDENTITY_PROVIDER_ID_HINT}\n# {list}\n\
         # A PUT replaces the whole identity provider. SCIM is copied from the provider as it is\n\
         # now (jq), so this update never turns SCIM off or changes it; the SCIM secret is not\n\
         # sent and stays as it is.\n\
         CLOUDFLARE_IDP_CURRENT=$(curl --fail-with-body --silent --show-error \\\n  \
         \"{IDENTITY_PROVIDERS_URL}/$CLOUDFLARE_IDP_ID\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\") &&\n\
         printf '%s' \"$CLOUDFLARE_IDP_CURRENT\" |\n  \
         jq --slurpfile body {file} \\\n    \
         '.result.scim_config as $scim | $body[0] | if $scim then .scim_config = ($scim | del(.secret, .scim_base_url)) else del(.scim_config) end' |\n  \
         curl --fail-with-body --request PUT \\\n  \
         \"{IDENTITY_PROVIDERS_URL}/$CLOUDFLARE_IDP_ID\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n  \
         --header \"Content-Type: application/json\" \\\n  \
         --data @-\n",
        preamble = preamble(
            setup,
            action,
            "#   export CLOUDFLARE_IDP_ID=<the identity provider's ID>\n",
            file
        ),
    )
}

/// The command that updates an existing identity provider (`PUT …/{id}`) with
/// `cloudflare-identity-provider-update.json` while rotating (new certificate first, the
/// current ones kept), keeping its SCIM settings. The identity provider's ID stays a shell
/// variable too.
pub fn update_curl_command(setup: &Setup) -> String {
    put_keeping_scim(
        setup,
        "Updates the JumpCloud SAML identity provider (adds the new certificate)",
        API_UPDATE_BODY_FILE,
    )
}

/// The command that removes the old certificate once the test sign-in works (`PUT …/{id}`
/// with `cloudflare-identity-provider-final.json`), keeping SCIM likewise.
pub fn final_curl_command(setup: &Setup) -> String {
    put_keeping_scim(
        setup,
        "Removes the old certificate from the JumpCloud SAML identity provider",
        API_FINAL_BODY_FILE,
    )
}
