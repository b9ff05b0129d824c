import type { EntityJson } from '../cedar/cedar-runtime';
import type { EntityRead, EntityReads } from '../cedar/entity-reads';
import type { PrincipalFacts, Resource } from '../domain/policy-model';
import { principalEntity, prunedEntity, resourceEntity } from './cedar-request';

const WHOLE_ENTITY: EntityRead = { all: true, attrs: [], tags: true, parents: true, key: '*' };

/**
 * Cedar entity JSON per state object, whole and cut down to what a policy set reads. State objects are
 * immutable (a change is a new object), so an entry never goes stale and a WeakMap lets old ones go.
 */
export class EntityJsonCache {
  private readonly json = new WeakMap<object, Map<string, EntityJson>>();
  private readonly ids = new WeakMap<object, number>();
  private idCount = 0;

  /** The principal and resource entities, each cut down to what the set reads. */
  forReads(reads: EntityReads, principal: PrincipalFacts, resource: Resource): EntityJson[] {
    const out: EntityJson[] = [];
    if (reads.principal !== undefined) out.push(this.entity(principal, reads.principal, principalEntity));
    if (reads.resource !== undefined) out.push(this.entity(resource, reads.resource, resourceEntity));
    return out;
  }

  whole(principal: PrincipalFacts, resource: Resource): { principal: EntityJson; resource: EntityJson } {
    return {
      principal: this.entity(principal, WHOLE_ENTITY, principalEntity),
      resource: this.entity(resource, WHOLE_ENTITY, resourceEntity),
    };
  }

  /** A small number naming a state object by identity (for memo keys). */
  idOf(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = ++this.idCount;
      this.ids.set(value, id);
    }
    return id;
  }

  private entity<T extends object>(owner: T, read: EntityRead, build: (owner: T) => EntityJson): EntityJson {
    let byRead = this.json.get(owner);
    if (byRead === undefined) {
      byRead = new Map();
      this.json.set(owner, byRead);
    }
    let json = byRead.get(read.key);
    if (json === undefined) {
      let full = byRead.get('*');
      if (full === undefined) {
        full = build(owner);
        byRead.set('*', full);
      }
      json = prunedEntity(full, read);
      byRead.set(read.key, json);
    }
    return json;
  }
}
