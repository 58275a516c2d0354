# Creates the JumpCloud SAML identity provider for the Cloudflare Access team acme.
# The API token needs permission to edit Access identity providers
# (Account > Access: Organizations, Identity Providers, and Groups > Edit).
# Set the account ID, and read the token without echoing it or saving it in history:
#   export CLOUDFLARE_ACCOUNT_ID=<your account ID>
#   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN
# Then run this in the folder that holds cloudflare-identity-provider.json:
curl --fail-with-body --request POST \
  "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers" \
  --header "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
  --header "Content-Type: application/json" \
  --data @cloudflare-identity-provider.json
