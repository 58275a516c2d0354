# The JumpCloud SAML identity provider for the Cloudflare Access team acme.
# Cloudflare Terraform provider v5; it reads the API token from CLOUDFLARE_API_TOKEN.
# terraform apply -var cloudflare_account_id=<your account ID>
# Rotating: apply now (Cloudflare trusts the new and the current certificate), upload the
# new pair in JumpCloud, test a sign-in, then delete the current certificate's line
# and apply again.

terraform {
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.0"
    }
  }
}

variable "cloudflare_account_id" {
  description = "Cloudflare account ID (dashboard: Account home > Account ID)"
  type        = string
}

resource "cloudflare_zero_trust_access_identity_provider" "jumpcloud" {
  account_id = var.cloudflare_account_id
  name       = "JumpCloud"
  type       = "saml"
  config = {
    issuer_url           = "https://acme.cloudflareaccess.com/"
    sso_target_url       = "https://sso.jumpcloud.com/saml2/cloudflare-access"
    attributes           = ["email", "name", "username"]
    email_attribute_name = ""
    sign_request         = false
    idp_public_certs = [
      "MIIDKDCCAhCgAwIBAgIUTL0atbi/1uimwki0PzjbWk5X0JIwDQYJKoZIhvcNAQELBQAwHTEbMBkGA1UEAwwSSnVtcENsb3VkIFNBTUwgSWRQMB4XDTI2MTEyOTE2MjAwMFoXDTI5MTEyODE2MjAwMFowHTEbMBkGA1UEAwwSSnVtcENsb3VkIFNBTUwgSWRQMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxIO1ikqxagai9qXwyTWdnyDsgPSy7S2ShUHdDgs08sunHHGLJjIvTRFYDHx5zPeCOEqaHCX6dYtoSyigNZDTBuC9XoaS80jEy4EUbFKr2ARmSa8F/Qkw5TprrXlW2W5mgs2nRTDm5GImYtxO2cl/jooYwVSebxQ8fDuXiJWlXqYc4qJ1SyPz3HbnyivsqmoFwI3lq09hwu5EzxEvB5vQKT5ryRAgG8rU/xmz4nLaAFUDfFHIfZ2Vl6Ypazq3xThP/699sjtc66PBTJhcLYQFrl/qsX9ZBd2lsTnUmafjKuyRO+mof9zT/DOVTXXH3fYTkrvbvVSh542k60Vsv//COQIDAQABo2AwXjAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDAdBgNVHQ4EFgQU8QU8hROLHDh/5nJx4Mirktd6IZowHwYDVR0jBBgwFoAU8QU8hROLHDh/5nJx4Mirktd6IZowDQYJKoZIhvcNAQELBQADggEBAJm5IElE/DSFbaspT+O538AZtdvPafkwENJadSfoztxliBc2GbEhlcIirW7b1HpdS9EG2H1qznkXb+oZKDWjVy9ebDVR7sdChhCr9dGMRA5q6+Q7FUCoYkJNTljfUShB0tHDcOrOfH5oYzC+GmoBPd7H2aSRjtrW5le6jobMR90+PV1cunoqbsOoRc8DiR2xWsCrQzoaQr/b4fHW4zrPZ3GuoTRvomg3b7wjpJJG8AyMfXbMT6aE3ZMZf47SUJYQMuUcW6vLMKBUqcWG1/4sXjc7uEeniqasIGVdvsyRS9phsATFnTkxC5G9GTvfyVpF39anasS4p/XaR2JRBwCRTxY=",
      # current certificate (the next line): delete it once a test sign-in works with the new one, then apply again
      "MIIDKDCCAhCgAwIBAgIUQQgwA1ZPH4zg792/7DjE4gXJVF8wDQYJKoZIhvcNAQELBQAwHTEbMBkGA1UEAwwSSnVtcENsb3VkIFNBTUwgSWRQMB4XDTI0MDMwNDE2MjAwMFoXDTI3MDMwNDE2MjAwMFowHTEbMBkGA1UEAwwSSnVtcENsb3VkIFNBTUwgSWRQMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxIO1ikqxagai9qXwyTWdnyDsgPSy7S2ShUHdDgs08sunHHGLJjIvTRFYDHx5zPeCOEqaHCX6dYtoSyigNZDTBuC9XoaS80jEy4EUbFKr2ARmSa8F/Qkw5TprrXlW2W5mgs2nRTDm5GImYtxO2cl/jooYwVSebxQ8fDuXiJWlXqYc4qJ1SyPz3HbnyivsqmoFwI3lq09hwu5EzxEvB5vQKT5ryRAgG8rU/xmz4nLaAFUDfFHIfZ2Vl6Ypazq3xThP/699sjtc66PBTJhcLYQFrl/qsX9ZBd2lsTnUmafjKuyRO+mof9zT/DOVTXXH3fYTkrvbvVSh542k60Vsv//COQIDAQABo2AwXjAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDAdBgNVHQ4EFgQU8QU8hROLHDh/5nJx4Mirktd6IZowHwYDVR0jBBgwFoAU8QU8hROLHDh/5nJx4Mirktd6IZowDQYJKoZIhvcNAQELBQADggEBAEpozbZXbsYJ1xfkFQTOlCfoIiA8uchzqNSq+b09bA03VfTBHo/Sp1QQfCeKc/2IMA4bHpk5D/lWmi7N5vhVL9h7W2YK029qAoa1l5Wy5OX3PSEhFH/sh+Y/3Mj7BWCykLZAAUof3L6B5KTIzUXzqyWcy7yBVEi6BVwj96gKD3g0QxDJuMjE4IaDMDo9M6h0sr9nnbI13aRuZSzd25yHIdMI0FnGaefnNWzsoRAA57F7p/8ajGr7T6knIXxQ7NhvTH3SoRNweonggj3p671REdxz71P9g5husjKCWJsEj3aFTLIOXGihmi8kBr/JOE4nglfKO5rYcTFrsGcoyuDGcks=",
    ]
  }
}
