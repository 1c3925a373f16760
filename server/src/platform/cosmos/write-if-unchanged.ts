import type { Container, ItemDefinition } from '@azure/cosmos';
import { cosmosStatus } from './cosmos-errors.ts';

/**
 * Writes a document only if nobody wrote it since it was read: created when it was read as absent
 * (`etag` null), else replaced on its etag. `false` when another write got there first (412: changed
 * since the read; 409: another first write; 404: deleted since the read), for the caller to read
 * again and retry; any other failure is thrown.
 */
export async function writeIfUnchanged(
  container: Container,
  doc: ItemDefinition & { id: string },
  partitionKey: string,
  etag: string | null,
): Promise<boolean> {
  try {
    if (etag === null) await container.items.create(doc);
    else
      await container
        .item(doc.id, partitionKey)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
    return true;
  } catch (err) {
    const status = cosmosStatus(err);
    if (status === 412 || status === 409 || status === 404) return false;
    throw err;
  }
}
