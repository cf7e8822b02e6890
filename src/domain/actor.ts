/** Who made a change, recorded on every event (`actorType`, `actorId`). */
export interface Actor {
  /** `operator`: a person signed in to Pennant (the dashboard); `api_key`: a key; `user`: a customer's user. */
  type: 'api_key' | 'operator' | 'system' | 'user';
  id: string | null;
}

export const systemActor: Actor = { type: 'system', id: null };

export function operatorActor(operatorId: string): Actor {
  return { type: 'operator', id: operatorId };
}
