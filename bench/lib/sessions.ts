import { chunks, graphqlClient, mapConcurrent } from './graphql.ts';

export interface BenchSession {
  organizationId: string;
  userId: string;
  sealedSession: string;
  accessToken: string;
}

const batchSize = 10;
const concurrency = 6;

/**
 * Signs users in through the API, as a customer's backend would: for each organization in turn
 * a new user, an active membership, then `createSession`. Returns `count` sessions spread
 * round-robin over `organizationIds`.
 */
export async function createSessions(
  baseUrl: string,
  apiKey: string,
  organizationIds: readonly string[],
  count: number,
  label: string,
): Promise<BenchSession[]> {
  const client = graphqlClient(baseUrl, apiKey);
  const plan = Array.from({ length: count }, (_, i) => ({
    i,
    organizationId: organizationIds[i % organizationIds.length] as string,
  }));
  const batches = await mapConcurrent(chunks(plan, batchSize), concurrency, async (batch) => {
    const users = await client.request<Record<string, { user: { id: string } }>>(
      `mutation {\n${batch
        .map(
          ({ i }) =>
            `u${i}: createUser(input: { email: "${label}-${i}@bench.example", firstName: "Bench", lastName: "User ${i}" }) { user { id } }`,
        )
        .join('\n')}\n}`,
    );
    const userIdOf = (i: number) => users[`u${i}`]?.user.id as string;
    await client.request(
      `mutation {\n${batch
        .map(
          ({ i, organizationId }) =>
            `m${i}: createOrganizationMembership(input: { userId: "${userIdOf(i)}", organizationId: "${organizationId}" }) { organizationMembership { id } }`,
        )
        .join('\n')}\n}`,
    );
    const sessions = await client.request<Record<string, { sealedSession: string; accessToken: string }>>(
      `mutation {\n${batch
        .map(
          ({ i, organizationId }) =>
            `s${i}: createSession(input: { userId: "${userIdOf(i)}", organizationId: "${organizationId}" }) { sealedSession accessToken }`,
        )
        .join('\n')}\n}`,
    );
    return batch.map(({ i, organizationId }) => ({
      organizationId,
      userId: userIdOf(i),
      sealedSession: sessions[`s${i}`]?.sealedSession as string,
      accessToken: sessions[`s${i}`]?.accessToken as string,
    }));
  });
  return batches.flat();
}
