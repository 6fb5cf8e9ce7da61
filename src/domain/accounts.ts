// The rules for an account's password: one place for the server's check and the browser's hint.
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

export const passwordRule = z.string().min(MIN_PASSWORD_LENGTH, `Lösenordet ska ha minst ${MIN_PASSWORD_LENGTH} tecken`).max(200);
