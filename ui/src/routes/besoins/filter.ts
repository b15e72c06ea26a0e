import type { NeedListRequest, NeedStatus } from '$bindings/tremplin';

/** The needs list's or board's request from its filters (the page and its load share it). */
export function needRequest(
  onBoard: boolean,
  f: { status: string; dt: string; family: string; mine: boolean; tension: boolean }
): NeedListRequest {
  return {
    filter: {
      status: (onBoard ? null : f.status || null) as NeedStatus | null, open_only: false, dt_code: f.dt || null,
      grand_domaine: f.family || null, owner_id: null, employer_id: null, tension_only: f.tension, limit: 500
    },
    mine: f.mine
  };
}
