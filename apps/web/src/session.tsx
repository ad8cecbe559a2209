import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from './api/client';
import type { Me, PublicCommittee, Role } from './api/types';

export interface Session {
  me: Me;
  /** The committee acted in: sent as X-Committee-Id when the user belongs to several. */
  committeeId: string;
  committees: Array<{ id: string; name: string }>;
  /** The roles in the current committee. */
  roles: Role[];
  /** Units the user acts for in the current committee, with the role there. */
  units: Array<{ role: Role; unitId: string }>;
  has(role: Role): boolean;
}

interface SessionContextValue {
  session: Session | null;
  /** true until a stored login has been checked */
  restoring: boolean;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  switchCommittee(committeeId: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function sessionOf(me: Me, committeeId: string, names: Map<string, string>): Session {
  const here = me.memberships.filter((m) => m.committeeId === committeeId);
  const roles = [...new Set(here.map((m) => m.role))];
  const committeeIds = [...new Set(me.memberships.map((m) => m.committeeId))];
  return {
    me,
    committeeId,
    committees: committeeIds.map((id) => ({ id, name: names.get(id) ?? id.slice(0, 8) })),
    roles,
    units: here.filter((m) => m.unitId).map((m) => ({ role: m.role, unitId: m.unitId as string })),
    has: (role) => roles.includes(role),
  };
}

async function committeeNames(): Promise<Map<string, string>> {
  try {
    const list = await api.request<PublicCommittee[]>('GET', '/public/committees', { anonymous: true });
    return new Map(list.map((c) => [c.id, c.name]));
  } catch {
    return new Map();
  }
}

/** Picks the committee: the one chosen before if still a member there, else the first. */
function chooseCommittee(me: Me): string {
  const ids = [...new Set(me.memberships.map((m) => m.committeeId))];
  const chosen = api.committeeId;
  const committeeId = chosen && ids.includes(chosen) ? chosen : ids[0];
  // The header is needed only with several committees; sending it always is harmless and explicit.
  api.setCommittee(committeeId ?? null);
  return committeeId;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [committeeId, setCommitteeId] = useState<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [restoring, setRestoring] = useState(api.loggedIn);

  useEffect(() => {
    const stop = api.onSessionEnd(() => {
      setMe(null);
      setCommitteeId(null);
    });
    if (api.loggedIn) {
      Promise.all([api.get<Me>('/auth/me'), committeeNames()])
        .then(([restored, known]) => {
          setNames(known);
          setMe(restored);
          setCommitteeId(chooseCommittee(restored));
        })
        .catch(() => undefined)
        .finally(() => setRestoring(false));
    }
    return stop;
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const [loggedIn, known] = await Promise.all([api.login(username, password), committeeNames()]);
    const chosen = chooseCommittee(loggedIn);
    setNames(known);
    setMe(loggedIn);
    setCommitteeId(chosen);
    return sessionOf(loggedIn, chosen, known);
  }, []);

  const logout = useCallback(() => api.logout(), []);

  const switchCommittee = useCallback((id: string) => {
    api.setCommittee(id);
    setCommitteeId(id);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      session: me && committeeId ? sessionOf(me, committeeId, names) : null,
      restoring,
      login,
      logout,
      switchCommittee,
    }),
    [me, committeeId, names, restoring, login, logout, switchCommittee],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext outside SessionProvider');
  return value;
}

/** The logged-in session; only inside the pages that require one. */
export function useSession(): Session {
  const { session } = useSessionContext();
  if (!session) throw new Error('useSession without a login');
  return session;
}

/** Where each role starts. */
export function homePath(session: Session): string {
  if (session.has('staff')) return '/review';
  if (session.has('member')) return '/proposals';
  if (session.has('drafter')) return '/assignments';
  if (session.has('leader')) return '/sign-off';
  if (session.has('office')) return '/copies';
  if (session.has('admin')) return '/admin/people';
  return '/inbox';
}
