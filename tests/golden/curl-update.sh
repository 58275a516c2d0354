# Updates the JumpCloud SAML identity provider for the Cloudflare Access team acme.
# The API token needs permission to edit Access identity providers
# (Account > Access: Organizations, Identity Providers, and Groups > Edit).
# Set the account ID, and read the token without echoing it or saving it in history:
#   export CLOUDFLARE_ACCOUNT_ID=<your account ID>
#   export CLOUDFLARE_IDP_ID=<the identity provider's ID>
#   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN
# Then run this in the folder that holds cloudflare-identity-provider-update.json:
curl --fail-with-body --request PUT \
  "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers/$CLOUDFLARE_IDP_ID" \
  --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
  --header "Content-Type: application/json" \
  --data @cloudflare-identity-provider-update.json
