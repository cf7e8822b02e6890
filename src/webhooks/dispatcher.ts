import { createHmac } from 'node:crypto';
import { prisma, type Transaction } from '../db/index.ts';
import type { ChangeFeed } from '../domain/change-feed.ts';
import { recordedEvent } from '../domain/event-catalogue.ts';
import { checkWebhookTarget } from '../domain/webhook-targets.ts';
import { endpointSecret, webhookEventTypeOf } from '../domain/webhooks.ts';
import { PennantError } from '../errors.ts';
import { newId } from '../ids.ts';
import { logger } from '../logger.ts';
import { webhookDeliveryAttempts } from '../metrics.ts';
import { webhookPayload } from './payload.ts';
import { postWebhook } from './post.ts';

export interface WebhookDispatcherOptions {
  /** How often to look for new events and due retries besides change notifications. */
  pollMs: number;
  /** First retry delay; each later one doubles, up to `maxRetryDelayMs`. Default 10 s. */
  retryBaseMs?: number;
  /** Default 6 h. */
  maxRetryDelayMs?: number;
  /** Attempts before a delivery is marked `failed`. Default 16 (about 2 days at the defaults). */
  maxAttempts?: number;
  /** Per request. Default 10 s. */
  requestTimeoutMs?: number;
}

/** Where the enqueuer is in the event log, kept in ServerState so a restart resumes there. */
export const webhookCursorKey = 'webhooks.cursor';
const eventPageSize = 500;
/** Concurrent requests per instance, and to one endpoint. */
const senders = 16;
const perEndpoint = 4;

interface Claimed {
  id: string;
  endpointId: string;
  eventId: bigint;
  attempts: number;
}
const finishedRetentionDays = 30;

/**
 * WorkOS's signature header: `t=<unix ms>, v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, which
 * the SDK's `webhooks.constructEvent` verifies.
 */
export function signatureHeader(secret: string, body: string, timestamp = Date.now()): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp}, v1=${digest}`;
}

/**
 * Delivers webhook events from the event log, at least once, surviving restarts and safe with
 * several instances on one database:
 *
 * 1. Enqueue: under a row lock on the cursor in ServerState, read the events after it, insert
 *    one WebhookDelivery row per (subscribed endpoint, event) and move the cursor, in one
 *    transaction. A crash before the commit loses nothing; after it, the rows are there.
 * 2. Deliver: workers claim due rows one at a time with `FOR UPDATE SKIP LOCKED`, pushing
 *    their `nextAttemptAt` a lease into the future (so no other worker or instance takes them
 *    while a request is in flight, and a crashed instance's claims come due again), POST each
 *    one signed, then record success, or schedule a retry with exponential back-off, or give
 *    up after `maxAttempts`. Few requests per endpoint at once, so one slow endpoint does not
 *    hold up the others.
 *
 * It runs when the change feed brings a flag event, when a retry comes due, and every `pollMs`.
 */
export class WebhookDispatcher {
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxAttempts: number;
  private readonly requestTimeoutMs: number;
  private readonly leaseMs: number;
  private running: Promise<void> | undefined;
  private rerun = false;
  private stopped = true;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopRequests = new AbortController();
  private unfollow: (() => void) | undefined;
  private lastPruneAt = 0;
  private readonly workers = new Set<Promise<void>>();
  /** Requests in flight on this instance, by endpoint id. */
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.retryBaseMs = options.retryBaseMs ?? 10_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 6 * 3600_000;
    this.maxAttempts = options.maxAttempts ?? 16;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.leaseMs = this.requestTimeoutMs * 3;
  }

  start(feed: ChangeFeed): void {
    this.stopped = false;
    this.stopRequests = new AbortController();
    this.unfollow = feed.onEvent((event) => {
      if (webhookEventTypeOf(event.type)) this.wake();
    });
    const poll = setInterval(() => this.wake(), this.options.pollMs);
    poll.unref();
    this.timers.add(poll);
    this.wake();
  }

  /** Stops, aborting requests in flight (their claims are released for the next run). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unfollow?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.stopRequests.abort();
    await this.running?.catch(() => undefined);
    await Promise.all(this.workers);
  }

  /** Runs soon; calls during a run make it go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        try {
          while (!this.stopped && (await this.enqueue())) {}
          this.startWorker();
          await this.pruneFinished();
        } catch (error) {
          // The database may be briefly unreachable; the next poll retries.
          logger.warn({ err: error }, 'webhooks: dispatching failed');
        }
      } while (this.rerun && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** One page of events into deliveries. True when there may be more. */
  private async enqueue(): Promise<boolean> {
    return prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`
          INSERT INTO "ServerState" ("key", "value", "updatedAt")
          VALUES (${webhookCursorKey}, '0', now()) ON CONFLICT ("key") DO NOTHING`;
        // Another instance enqueuing right now holds the row: nothing to do here.
        const locked = await tx.$queryRaw<{ value: string }[]>`
          SELECT "value" FROM "ServerState" WHERE "key" = ${webhookCursorKey} FOR UPDATE SKIP LOCKED`;
        const cursorValue = locked[0]?.value;
        if (cursorValue === undefined) return false;
        const events = await tx.event.findMany({
          where: { id: { gt: BigInt(cursorValue) } },
          orderBy: { id: 'asc' },
          take: eventPageSize,
          select: { id: true, type: true, environmentId: true },
        });
        const last = events.at(-1);
        if (!last) return false;
        const relevant = events.filter((event) => webhookEventTypeOf(event.type));
        if (relevant.length > 0) {
          const endpoints = await tx.webhookEndpoint.findMany({
            where: { enabled: true },
            select: { id: true, environmentId: true, events: true },
          });
          const registeredAt = await registrationEvents(
            tx,
            endpoints.map((endpoint) => endpoint.id),
          );
          const deliveries: { id: string; endpointId: string; eventId: bigint }[] = [];
          for (const event of relevant) {
            const type = webhookEventTypeOf(event.type) as string;
            for (const endpoint of endpoints) {
              // Flag definitions concern every environment; rule changes only their own.
              if (event.environmentId !== null && event.environmentId !== endpoint.environmentId) continue;
              if (!endpoint.events.includes(type)) continue;
              // An endpoint receives what happened after it was registered: event ids, not
              // clocks, decide (instances' clocks may disagree).
              if (event.id < (registeredAt.get(endpoint.id) ?? 0n)) continue;
              deliveries.push({ id: newId('wd'), endpointId: endpoint.id, eventId: event.id });
            }
          }
          if (deliveries.length > 0) {
            await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
          }
        }
        await tx.serverState.update({
          where: { key: webhookCursorKey },
          data: { value: String(last.id) },
        });
        return events.length === eventPageSize;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  }

  /**
   * Sends due deliveries with up to `senders` concurrent workers, each claiming one delivery at a
   * time, with at most `perEndpoint` requests in flight to one endpoint on this instance: an
   * endpoint that hangs until the timeout holds a few workers, never all of them, and never the
   * enqueuing. A worker that finds work starts another; one that finds none ends.
   */
  private startWorker(): void {
    if (this.stopped || this.workers.size >= senders) return;
    const worker: Promise<void> = this.work().finally(() => this.workers.delete(worker));
    this.workers.add(worker);
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      let delivery: Claimed | undefined;
      try {
        delivery = await this.claim();
        if (!delivery) return;
        this.startWorker();
        this.inFlight.set(delivery.endpointId, (this.inFlight.get(delivery.endpointId) ?? 0) + 1);
        await this.attempt(delivery);
      } catch (error) {
        // The database may be briefly unreachable: the claim's lease runs out and the delivery
        // comes due again.
        logger.warn({ err: error }, 'webhooks: a delivery attempt failed');
        return;
      } finally {
        if (delivery) {
          const left = (this.inFlight.get(delivery.endpointId) ?? 1) - 1;
          if (left === 0) this.inFlight.delete(delivery.endpointId);
          else this.inFlight.set(delivery.endpointId, left);
        }
      }
    }
  }

  /** Claims the next due delivery: its lease keeps other workers and instances off it. */
  private async claim(): Promise<Claimed | undefined> {
    const busy = [...this.inFlight].filter(([, count]) => count >= perEndpoint).map(([id]) => id);
    const claimed = await prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" AS d
      SET "attempts" = d."attempts" + 1,
          "nextAttemptAt" = now() + ${this.leaseMs}::float8 * interval '1 millisecond'
      FROM (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
          AND NOT ("endpointId" = ANY(${busy}::text[]))
        ORDER BY "nextAttemptAt", "eventId"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE d."id" = due."id"
      RETURNING d."id", d."endpointId", d."eventId", d."attempts"`;
    return claimed[0];
  }

  private async attempt(delivery: Claimed) {
    const [endpoint, event] = await Promise.all([
      prisma.webhookEndpoint.findUnique({
        where: { id: delivery.endpointId },
        include: { environment: { select: { kind: true } } },
      }),
      prisma.event.findUnique({ where: { id: delivery.eventId } }),
    ]);
    // A deleted endpoint takes its deliveries with it (cascade).
    if (!endpoint) return;
    if (!endpoint.enabled) {
      await this.finish(delivery.id, 'skipped', null, 'The endpoint is disabled.');
      return;
    }
    const payload = event ? await webhookPayload(recordedEvent(event), endpoint.environmentId) : null;
    if (!payload) {
      await this.finish(
        delivery.id,
        'skipped',
        null,
        'The event no longer exists or is not a webhook event.',
      );
      return;
    }
    const body = JSON.stringify(payload);
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const url = new URL(endpoint.url);
      // Endpoints saved before the rules existed are held to them at delivery too.
      checkWebhookTarget(url, endpoint.environment.kind);
      status = await postWebhook(
        url,
        {
          'content-type': 'application/json',
          'user-agent': 'Pennant-Webhooks/1',
          'workos-signature': signatureHeader(await endpointSecret(endpoint), body),
        },
        body,
        AbortSignal.any([AbortSignal.timeout(this.requestTimeoutMs), this.stopRequests.signal]),
      );
      if (status >= 200 && status < 300) {
        await this.finish(delivery.id, 'delivered', status, null);
        return;
      }
      failure = `The endpoint answered HTTP ${status}.`;
    } catch (error) {
      if (this.stopRequests.signal.aborted) {
        // Stopping is not the endpoint's fault: release the claim without counting it.
        await prisma.$executeRaw`
          UPDATE "WebhookDelivery" SET "attempts" = "attempts" - 1, "nextAttemptAt" = now()
          WHERE "id" = ${delivery.id}`;
        return;
      }
      failure =
        error instanceof PennantError
          ? `Refused: ${error.message}`
          : error instanceof Error
            ? `${error.name}: ${error.message}`
            : 'The request failed.';
    }
    if (delivery.attempts >= this.maxAttempts) {
      logger.warn({ deliveryId: delivery.id, endpointId: endpoint.id }, 'webhooks: delivery failed for good');
      await this.finish(delivery.id, 'failed', status, failure);
      return;
    }
    const delayMs = this.retryDelayMs(delivery.attempts);
    webhookDeliveryAttempts.inc({ outcome: 'retry' });
    await prisma.$executeRaw`
      UPDATE "WebhookDelivery"
      SET "nextAttemptAt" = now() + ${delayMs}::float8 * interval '1 millisecond',
          "lastStatusCode" = ${status}, "lastError" = ${failure}
      WHERE "id" = ${delivery.id}`;
    if (!this.stopped) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.wake();
      }, delayMs + 5);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /**
   * Finished deliveries (delivered, failed, skipped) are kept for `finishedRetentionDays`, for
   * `webhookEndpoints { deliveries }`, then deleted; at most once an hour per instance.
   */
  private async pruneFinished(): Promise<void> {
    if (Date.now() - this.lastPruneAt < 3600_000) return;
    this.lastPruneAt = Date.now();
    await prisma.$executeRaw`
      DELETE FROM "WebhookDelivery"
      WHERE "status" <> 'pending' AND "createdAt" < now() - ${finishedRetentionDays}::float8 * interval '1 day'`;
  }

  /** Exponential back-off with ±20 % jitter, so failing endpoints are not hit in lockstep. */
  private retryDelayMs(attempts: number): number {
    const base = Math.min(this.retryBaseMs * 2 ** (attempts - 1), this.maxRetryDelayMs);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private async finish(
    id: string,
    status: 'delivered' | 'failed' | 'skipped',
    statusCode: number | null,
    error: string | null,
  ) {
    webhookDeliveryAttempts.inc({ outcome: status });
    await prisma.$executeRaw`
      UPDATE "WebhookDelivery"
      SET "status" = ${status}, "lastStatusCode" = ${statusCode}, "lastError" = ${error},
          "deliveredAt" = CASE WHEN ${status}::text = 'delivered' THEN now() ELSE "deliveredAt" END
      WHERE "id" = ${id}`;
  }
}

/**
 * The event that registered each endpoint (`webhook_endpoint.created`, written in the same
 * transaction as the endpoint), by endpoint id.
 */
async function registrationEvents(tx: Transaction, endpointIds: string[]): Promise<Map<string, bigint>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ endpointId: string; eventId: bigint }[]>`
    SELECT "after"->>'id' AS "endpointId", max("id") AS "eventId"
    FROM "Event"
    WHERE "type" = 'webhook_endpoint.created' AND "after"->>'id' = ANY(${endpointIds})
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.endpointId, BigInt(row.eventId)]));
}
