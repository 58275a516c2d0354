//! The curl commands that send the API bodies.
//!
//! User text never enters a shell line: the bodies travel in the JSON files, and the account
//! ID, token, identity provider ID and SCIM secret stay shell variables or files. The token is
//! read with `read -rs`, so it is neither echoed nor saved in the shell history.

use super::Setup;
use super::files::{ACCESS_GROUP_FILE, API_BODY_FILE, API_UPDATE_BODY_FILE};

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

/// The command that replaces an existing identity provider's settings (`PUT …/{id}`) with
/// `cloudflare-identity-provider-update.json`, whose content is [`super::cloudflare::api_body`].
/// The identity provider's ID stays a shell variable too.
pub fn update_curl_command(setup: &Setup) -> String {
    format!(
        "{preamble}curl --fail-with-body --request PUT \\\n  \
         \"{IDENTITY_PROVIDERS_URL}/$CLOUDFLARE_IDP_ID\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n  \
         --header \"Content-Type: application/json\" \\\n  \
         --data @{API_UPDATE_BODY_FILE}\n",
        preamble = preamble(
            setup,
            "Updates the JumpCloud SAML identity provider",
            "#   export CLOUDFLARE_IDP_ID=<the identity provider's ID>\n",
            API_UPDATE_BODY_FILE
        ),
    )
}
