/** Who made a change, recorded on every event. */
export interface Actor {
  type: 'api_key' | 'system' | 'user';
  id: string | null;
}

export const systemActor: Actor = { type: 'system', id: null };
