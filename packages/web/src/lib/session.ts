import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, setCsrfToken } from '../api/client';
import type { LoginResult, SessionInfo } from '../api/types';

export const SESSION_KEY = ['session'] as const;

// Whether this browser signed in: with no sign-in there is no session to ask the server about
// (asking would answer 401, a console error on every visit to the sign-in page).
const SIGNED_IN_KEY = 'exoclinic.signedIn';
function markSignedIn(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // No storage: the session is asked for every time.
  }
}
function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
}
export function forgetSignIn(): void {
  markSignedIn(false);
}

/** Who is signed in; null when nobody is (the API answers 401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<SessionInfo | null> => {
      if (!maybeSignedIn()) return null;
      try {
        return await get<SessionInfo>('/auth/session');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          markSignedIn(false);
          return null;
        }
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export async function logIn(email: string, password: string): Promise<LoginResult> {
  const result = await post<LoginResult>('/auth/login', { email, password });
  setCsrfToken(result.csrfToken);
  markSignedIn(true);
  return result;
}

/** A session the server opened without a password sign-in (an accepted invitation). */
export function rememberSignIn(result: LoginResult): void {
  setCsrfToken(result.csrfToken);
  markSignedIn(true);
}

export function useLogOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await post('/auth/logout');
    } catch {
      // Already signed out on the server: clear here all the same.
    }
    setCsrfToken(null);
    markSignedIn(false);
    client.clear();
    client.setQueryData(SESSION_KEY, null);
  };
}

export const isStaff = (s: SessionInfo | null | undefined) => !!s && s.user.role !== 'patient';
export const may = (s: SessionInfo | null | undefined, permission: string) =>
  !!s && s.permissions.includes(permission);
