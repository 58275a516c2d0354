# Creates the JumpCloud SAML identity provider and its Access group for the Cloudflare Access team acme.
# The API token needs permission to edit Access identity providers
# (Account > Access: Organizations, Identity Providers, and Groups > Edit).
# Set the account ID, and read the token without echoing it or saving it in history:
#   export CLOUDFLARE_ACCOUNT_ID=<your account ID>
#   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN
# Then run this in the folder that holds cloudflare-identity-provider.json and cloudflare-access-group.json:
# The response is kept in a variable; jq (https://jqlang.org) reads the new ID from it.
# The SCIM secret is in this response only (.result.scim_config.secret): it goes to
# scim-secret.txt (readable by you only), never to the terminal. Paste it into
# JumpCloud's Token Key, then delete the file.
CLOUDFLARE_IDP_RESPONSE=$(curl --fail-with-body --silent --show-error --request POST \
  "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers" \
  --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
  --header "Content-Type: application/json" \
  --data @cloudflare-identity-provider.json) &&
CLOUDFLARE_IDP_ID=$(printf '%s' "$CLOUDFLARE_IDP_RESPONSE" | jq -r .result.id) &&
echo "Identity provider ID: $CLOUDFLARE_IDP_ID" &&
(umask 077 && printf '%s' "$CLOUDFLARE_IDP_RESPONSE" | jq -j .result.scim_config.secret > scim-secret.txt) &&
echo "SCIM secret saved to scim-secret.txt" &&
jq --arg id "$CLOUDFLARE_IDP_ID" '.include[].saml.identity_provider_id = $id' cloudflare-access-group.json |
  curl --fail-with-body --request POST \
    "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/groups" \
    --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
    --header "Content-Type: application/json" \
    --data @-
# If a step fails, show the API's answer with: printf '%s\n' "$CLOUDFLARE_IDP_RESPONSE"
