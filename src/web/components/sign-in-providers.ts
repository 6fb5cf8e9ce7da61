// The identity providers configured for single sign-on (GET /api/auth/providers, from the OIDC work).
// Tolerant by design: no endpoint (404) or no providers means no SSO buttons, never an error.
import { useQuery } from '@tanstack/react-query';

export interface SignInProvider {
  id: string;
  label: string;
}

async function fetchProviders(): Promise<SignInProvider[]> {
  const res = await fetch('/api/auth/providers', { credentials: 'same-origin' });
  if (!res.ok) return [];
  const data = (await res.json().catch(() => undefined)) as { providers?: unknown } | unknown[] | undefined;
  const list = Array.isArray(data) ? data : Array.isArray(data?.providers) ? data.providers : [];
  return list.filter((p): p is SignInProvider => !!p && typeof (p as SignInProvider).id === 'string' && typeof (p as SignInProvider).label === 'string');
}

/** The providers; `enabled: false` asks nothing (e.g. until an invitation is known to be valid). */
export function useSignInProviders(enabled = true): SignInProvider[] {
  return useQuery({ queryKey: ['sign-in-providers'], queryFn: fetchProviders, enabled, retry: false, staleTime: 5 * 60_000 }).data ?? [];
}

/** Where a provider's button leads: the OIDC sign-in, back to `returnTo` afterwards. */
export const providerLoginUrl = (p: SignInProvider, returnTo = '/') =>
  `/api/auth/oidc/login?provider=${encodeURIComponent(p.id)}&returnTo=${encodeURIComponent(returnTo)}`;
