import { CONSUMER_GROUPS, type EventActor, type EventOf } from '@holiday-peak-hub/contract';
import type { Applied, EventConsumer } from '../platform/events/consumer.ts';
import type { AuditLogDocument } from './documents.ts';
import type { AuditLog } from './ports.ts';

type UserEvent = EventOf<'UserCreated'> | EventOf<'UserUpdated'> | EventOf<'UserDeleted'>;

/**
 * The audit trail (`audit_logs`) written from the user events of admin actions: those carrying an
 * `actor`. The action and its event are saved together (the outbox), so a crash after the action
 * loses no entry: the event is delivered later and the entry written then. Each entry's id is
 * derived from its event's, so a redelivered event finds its entry and changes nothing.
 */
export function auditTrailConsumer(audit: AuditLog): EventConsumer {
  async function record(
    event: UserEvent,
    actor: EventActor,
    action: AuditLogDocument['action'],
    changes: AuditLogDocument['changes'],
  ): Promise<Applied> {
    const id = `aud_${event.event_id.replaceAll('-', '')}`;
    const created = await audit.record({
      id,
      audit_id: id,
      entity_type: 'user',
      entity_id: event.data.user_id,
      action,
      actor_id: actor.user_id,
      actor_type: actor.role,
      actor_email: actor.email,
      changes,
      metadata: { ip_address: actor.ip_address, user_agent: actor.user_agent, request_id: event.correlation_id },
      timestamp: event.timestamp,
    });
    return created ? 'applied' : 'already-applied';
  }
  const ignored = (): Promise<Applied> => Promise.resolve('ignored');
  return {
    name: CONSUMER_GROUPS.audit.name,
    delivery: CONSUMER_GROUPS.audit.delivery,
    handlers: {
      UserCreated: (event) =>
        event.data.actor
          ? record(event, event.data.actor, 'user_created', { role: { before: null, after: event.data.role } })
          : ignored(),
      UserUpdated: (event) =>
        event.data.actor && event.data.previous_role
          ? record(event, event.data.actor, 'role_changed', {
              role: { before: event.data.previous_role, after: event.data.role },
            })
          : ignored(),
      UserDeleted: (event) =>
        event.data.actor
          ? record(event, event.data.actor, 'user_deleted', { role: { before: event.data.role, after: null } })
          : ignored(),
    },
  };
}
