// Mitt konto → Tvåstegsverifiering (TOTP): enrol an authenticator app, recovery codes, turn it off.
// Placeholder until the two-factor work lands; imported by the account page.
export function TwoFactorSection() {
  return null;
}
