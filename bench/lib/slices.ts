/** Seconds per slice when a round alternates the baseline and Pennant. */
export const sliceSeconds = 2;

/**
 * One round of short slices of the baseline and of Pennant, alternating which goes first slice
 * by slice and round by round (ABBA), so both sides see the same machine even when other work
 * comes and goes on this shared host.
 */
export async function alternatingSlices<B, P>(
  round: number,
  durationSeconds: number,
  baseline: (seconds: number) => Promise<B>,
  pennant: (seconds: number) => Promise<P>,
): Promise<{ baseline: B[]; pennant: P[] }> {
  const slices = Math.max(1, Math.round(durationSeconds / sliceSeconds));
  const seconds = durationSeconds / slices;
  const result: { baseline: B[]; pennant: P[] } = { baseline: [], pennant: [] };
  for (let slice = 0; slice < slices; slice++) {
    if ((round + slice) % 2 === 0) {
      result.baseline.push(await baseline(seconds));
      result.pennant.push(await pennant(seconds));
    } else {
      result.pennant.push(await pennant(seconds));
      result.baseline.push(await baseline(seconds));
    }
  }
  return result;
}
