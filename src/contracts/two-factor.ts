// Two-factor authentication (TOTP) for password accounts: a sign-in's second step, enrolling an app
// and recovery codes under Mitt konto, and the förbundsadmin's reset after a lost phone.
import { z } from 'zod';
import { userSchema } from '../domain/accounts.ts';
import { signedIn } from './auth.ts';
import { endpoint, idParam, okResponse } from './endpoint.ts';

const SIGN_IN = 'Inloggning';
const ACCOUNT = 'Mitt konto';

const challenge = z.string().min(10).max(200).describe('Utmaningen från inloggningens första steg');
export const totpCodeRule = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, 'Ange de sex siffrorna från autentiseringsappen');
const recoveryCodeRule = z.string().trim().min(1, 'Ange en reservkod').max(40);
/** Field names in validation messages (`code` is a municipality code elsewhere). */
const labels = { code: 'Kod från appen', recoveryCode: 'Reservkod' };
const password = z.string().min(1, 'Ange ditt lösenord').max(200);

export const totpEnrolment = z.object({
  secret: z.string().describe('Hemligheten (base32) att skriva in i appen om QR-koden inte går att skanna'),
  secretGrouped: z.string().describe('Hemligheten i grupper om fyra tecken'),
  otpauthUri: z.string().describe('otpauth://-adressen som QR-koden innehåller'),
  qrSvg: z.string().describe('QR-koden som SVG'),
});
const recoveryCodes = z.array(z.string()).describe('Reservkoder, var och en fungerar en gång; visas bara nu');

export const loginTotp = endpoint({
  method: 'POST',
  path: '/api/auth/login/totp',
  summary: 'Inloggningens andra steg: en kod från autentiseringsappen eller en reservkod (sätter sessionskakan)',
  tag: SIGN_IN,
  access: 'public',
  body: z.union([z.object({ challenge, code: totpCodeRule }), z.object({ challenge, recoveryCode: recoveryCodeRule })]),
  response: signedIn,
  errors: [401, 429],
  labels,
});

export const loginTotpSetup = endpoint({
  method: 'POST',
  path: '/api/auth/login/totp-setup',
  summary: 'Inloggningens andra steg när förbundet kräver tvåstegsverifiering: en ny hemlighet och QR-kod för appen',
  tag: SIGN_IN,
  access: 'public',
  body: z.object({ challenge }),
  response: totpEnrolment,
  errors: [401, 409, 429],
});

export const loginTotpSetupConfirm = endpoint({
  method: 'POST',
  path: '/api/auth/login/totp-setup/confirm',
  summary: 'Bekräfta appen med en första kod: tvåstegsverifiering slås på, inloggning och reservkoder',
  tag: SIGN_IN,
  access: 'public',
  body: z.object({ challenge, code: totpCodeRule }),
  response: signedIn.extend({ recoveryCodes }),
  errors: [401, 409, 429],
  labels,
});

export const startTotp = endpoint({
  method: 'POST',
  path: '/api/account/totp/start',
  summary: 'Börja lägga till en autentiseringsapp: hemlighet och QR-kod (gäller först när en kod bekräftat den)',
  tag: ACCOUNT,
  access: 'signedIn',
  accessNote: 'Bara konton som loggar in med lösenord; SSO-konton använder organisationens tvåstegsverifiering',
  response: totpEnrolment,
  errors: [409],
});

export const confirmTotp = endpoint({
  method: 'POST',
  path: '/api/account/totp/confirm',
  summary: 'Slå på tvåstegsverifiering med en första kod från appen; svarar med reservkoderna',
  tag: ACCOUNT,
  access: 'signedIn',
  body: z.object({ code: totpCodeRule }),
  response: z.object({ recoveryCodes }),
  errors: [409],
  labels,
});

export const disableTotp = endpoint({
  method: 'POST',
  path: '/api/account/totp/disable',
  summary: 'Stäng av tvåstegsverifiering (med lösenordet); inte när förbundet kräver den för kontot',
  tag: ACCOUNT,
  access: 'signedIn',
  body: z.object({ password }),
  response: okResponse,
  errors: [409],
});

export const regenerateRecoveryCodes = endpoint({
  method: 'POST',
  path: '/api/account/totp/recovery-codes',
  summary: 'Nya reservkoder (med en kod från appen); de gamla slutar fungera',
  tag: ACCOUNT,
  access: 'signedIn',
  body: z.object({ code: totpCodeRule }),
  response: z.object({ recoveryCodes }),
  errors: [409],
  labels,
});

export const getTotpStatus = endpoint({
  method: 'GET',
  path: '/api/account/totp',
  summary: 'Tvåstegsverifieringens läge för det egna kontot',
  tag: ACCOUNT,
  access: 'signedIn',
  response: z.object({
    available: z.boolean().describe('Falskt för konton som loggar in via organisationens konto (SSO)'),
    enabled: z.boolean(),
    required: z.boolean().describe('Förbundet kräver den för kontot (kan inte stängas av)'),
    recoveryCodesLeft: z.number().int(),
  }),
});

export const resetUserTotp = endpoint({
  method: 'POST',
  path: '/api/admin/users/:id/totp/reset',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Återställ ett kontos tvåstegsverifiering (t.ex. efter en borttappad telefon)',
  tag: 'Administration',
  access: ['forbundsadmin'],
  params: z.object({ id: idParam }),
  response: z.object({ user: userSchema }),
  errors: [404, 409],
});
