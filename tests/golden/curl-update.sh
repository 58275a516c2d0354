# Updates the JumpCloud SAML identity provider (adds the new certificate) for the Cloudflare Access team acme.
# The API token needs permission to edit Access identity providers
# (Account > Access: Organizations, Identity Providers, and Groups > Edit).
# Set the account ID, and read the token without echoing it or saving it in history:
#   export CLOUDFLARE_ACCOUNT_ID=<your account ID>
#   export CLOUDFLARE_IDP_ID=<the identity provider's ID>
#   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN
# Then run this in the folder that holds cloudflare-identity-provider-update.json:
# The identity provider's ID: Cloudflare's docs take it from the list of identity providers;
# this command prints each SAML provider's ID and name:
# curl --fail-with-body --silent --show-error \
#   "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers" \
#   --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" |
#   jq -r '.result[] | select(.type == "saml") | "\(.id)  \(.name)"'
# A PUT replaces the whole identity provider. SCIM is copied from the provider as it is
# now (jq), so this update never turns SCIM off or changes it; the SCIM secret is not
# sent and stays as it is.
CLOUDFLARE_IDP_CURRENT=$(curl --fail-with-body --silent --show-error \
  "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers/$CLOUDFLARE_IDP_ID" \
  --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN") &&
printf '%s' "$CLOUDFLARE_IDP_CURRENT" |
  jq --slurpfile body cloudflare-identity-provider-update.json \
    '.result.scim_config as $scim | $body[0] | if $scim then .scim_config = ($scim | del(.secret, .scim_base_url)) else del(.scim_config) end' |
  curl --fail-with-body --request PUT \
  "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers/$CLOUDFLARE_IDP_ID" \
  --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
  --header "Content-Type: application/json" \
  --data @-
