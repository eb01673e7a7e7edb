/** 户 households: members and their relations, moves, splits (分户) and merges (合户), with history. */
import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure, invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import { expectVersion } from '../db/writes';
import { ageOn, idMaskFor } from '../../../shared/domain/id-number';
import { roleHas } from '../../../shared/domain/roles';
import type { Household } from '../../../shared/contract/households';
import type { Relation } from '../../../shared/domain/residents';
import { gridExists } from '../grids';
import {
  changeRelation,
  closeMembership,
  currentMembers,
  findHousehold,
  findPlacement,
  insertHousehold,
  membershipHistory,
  openMembership,
  periodsOfResident,
  tombstoneHousehold,
  updateHousehold,
  updatePlacement,
  type HouseholdRow,
} from './repository';

function requireHousehold(ctx: Ctx, id: string): HouseholdRow {
  const h = findHousehold(ctx.db, id);
  if (!h) throw new ContractFailure('NOT_FOUND');
  return h;
}

export function householdView(ctx: Ctx, id: string): Household {
  const h = requireHousehold(ctx, id);
  // A role that may not reveal IDs gets the strict mask here too: the resident page shows the birth date.
  const mask = idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
  return {
    id: h.id,
    version: h.version,
    address: h.address,
    gridId: h.grid_id,
    headResidentId: h.head_resident_id,
    members: currentMembers(ctx.db, h.id).map((m) => ({
      residentId: m.resident_id,
      name: m.name,
      relation: m.relation as Relation,
      idNumberMasked: mask(m.id_number),
      age: ageOn(m.birth_date, ctx.now),
      sex: m.sex,
      status: m.status,
    })),
    history: membershipHistory(ctx.db, h.id).map((m) => ({ residentId: m.resident_id, name: m.name, relation: m.relation as Relation, from: m.from_at, to: m.to_at })),
  };
}

/**
 * Move one person: close their period in the old household, open one in the new, keep the resident
 * row current — including where they live: joining a household means its address and grid (where the
 * household has them), as a clerk reading the resident's page afterwards expects.
 */
function move(ctx: Ctx, residentId: string, householdId: string, relation: Relation): void {
  const w = ctx.write();
  const target = requireHousehold(ctx, householdId);
  closeMembership(w, residentId);
  openMembership(w, { householdId, residentId, relation });
  updatePlacement(w, residentId, {
    household_id: householdId,
    relation,
    ...(target.address !== null ? { address: target.address } : {}),
    ...(target.grid_id !== null ? { grid_id: target.grid_id } : {}),
  });
}

/**
 * A household's new address or grid carries to its current members who lived at its old one (or had
 * none); a member registered elsewhere (人户分离) keeps their own.
 */
function followHousehold(ctx: Ctx, before: HouseholdRow, after: { address: string | null; gridId: string | null }): void {
  const w = ctx.write();
  for (const m of currentMembers(ctx.db, before.id)) {
    const resident = findPlacement(ctx.db, m.resident_id);
    if (!resident) continue;
    const patch: { address?: string | null; grid_id?: string | null } = {};
    if (after.address !== before.address && (resident.address === before.address || resident.address === null)) patch.address = after.address;
    if (after.gridId !== before.grid_id && (resident.grid_id === before.grid_id || resident.grid_id === null)) patch.grid_id = after.gridId;
    if (Object.keys(patch).length) updatePlacement(w, resident.id, patch);
  }
}

/** After people leave, the old household needs a head, or is closed when nobody is left. */
function settleLeftBehind(ctx: Ctx, householdId: string, newHeadId: string | undefined): void {
  const h = requireHousehold(ctx, householdId);
  const remaining = currentMembers(ctx.db, householdId);
  const w = ctx.write();
  if (remaining.length === 0) {
    tombstoneHousehold(w, householdId, null);
    return;
  }
  if (remaining.some((m) => m.resident_id === h.head_resident_id)) return;
  if (!newHeadId || !remaining.some((m) => m.resident_id === newHeadId)) throw invalidInput(['newHeadId'], 'households.head_required');
  makeHead(ctx, h, newHeadId, {});
}

function makeHead(ctx: Ctx, h: HouseholdRow, headId: string, relations: Record<string, Relation>): void {
  const w = ctx.write();
  updateHousehold(w, h.id, null, { headResidentId: headId });
  for (const m of currentMembers(ctx.db, h.id)) {
    const relation: Relation = m.resident_id === headId ? 'head' : (relations[m.resident_id] ?? (m.relation === 'head' ? 'other' : (m.relation as Relation)));
    if (relation === 'head' && m.resident_id !== headId) throw invalidInput(['relations', m.resident_id], 'households.one_head');
    if (relation !== m.relation) {
      changeRelation(w, { householdId: h.id, residentId: m.resident_id, relation });
      updatePlacement(w, m.resident_id, { relation });
    }
  }
}

export const householdsHandlers: SectionHandlers<'households'> = {
  'households.get': (input, ctx) => householdView(ctx, input.id),

  'households.periodsOf': (input, ctx) => {
    if (!findPlacement(ctx.db, input.residentId)) throw new ContractFailure('NOT_FOUND');
    return periodsOfResident(ctx.db, input.residentId).map((p) => ({
      householdId: p.household_id,
      address: p.address,
      closed: p.closed === 1,
      relation: p.relation as Relation,
      from: p.from_at,
      to: p.to_at,
    }));
  },

  'households.update': (input, ctx) => {
    const before = requireHousehold(ctx, input.id);
    if (input.gridId && !gridExists(ctx.db, input.gridId)) throw invalidInput(['gridId'], 'not_found');
    updateHousehold(ctx.write(), input.id, input.version, { address: input.address, gridId: input.gridId });
    const after = requireHousehold(ctx, input.id);
    followHousehold(ctx, before, { address: after.address, gridId: after.grid_id });
    return householdView(ctx, input.id);
  },

  'households.moveMember': (input, ctx) => {
    const resident = findPlacement(ctx.db, input.residentId);
    if (!resident) throw new ContractFailure('NOT_FOUND');
    const from = resident.household_id;
    let target: string;
    if (input.to.mode === 'existing') {
      if (input.to.householdId === from) throw invalidInput(['to', 'householdId'], 'households.same_household');
      target = requireHousehold(ctx, input.to.householdId).id;
      move(ctx, resident.id, target, input.to.relation);
    } else {
      if (input.to.gridId && !gridExists(ctx.db, input.to.gridId)) throw invalidInput(['to', 'gridId'], 'not_found');
      target = uuidv7();
      insertHousehold(ctx.write(), target, { address: input.to.address ?? resident.address, gridId: input.to.gridId ?? resident.grid_id, headResidentId: resident.id });
      move(ctx, resident.id, target, 'head');
    }
    if (from) settleLeftBehind(ctx, from, input.newHeadId);
    return householdView(ctx, target);
  },

  'households.setHead': (input, ctx) => {
    const h = requireHousehold(ctx, input.id);
    expectVersion(h.version, input.version);
    if (!currentMembers(ctx.db, h.id).some((m) => m.resident_id === input.headResidentId)) throw invalidInput(['headResidentId'], 'households.not_member');
    makeHead(ctx, h, input.headResidentId, input.relations);
    return householdView(ctx, h.id);
  },

  'households.split': (input, ctx) => {
    const h = requireHousehold(ctx, input.id);
    expectVersion(h.version, input.version);
    const members = currentMembers(ctx.db, h.id);
    const isMember = (id: string) => members.some((m) => m.resident_id === id);
    const ids = new Set(input.memberIds);
    if (![...ids].every(isMember)) throw invalidInput(['memberIds'], 'households.not_member');
    if (!ids.has(input.newHeadId)) throw invalidInput(['newHeadId'], 'households.not_member');
    if (ids.size === members.length) throw invalidInput(['memberIds'], 'households.nobody_left');
    // The head may leave when someone who stays takes over the old household.
    const headLeaves = h.head_resident_id !== null && ids.has(h.head_resident_id);
    if (headLeaves && !input.remainingHeadId) throw invalidInput(['remainingHeadId'], 'households.head_required');
    if (headLeaves && input.remainingHeadId && (ids.has(input.remainingHeadId) || !isMember(input.remainingHeadId))) throw invalidInput(['remainingHeadId'], 'households.not_member');
    if (input.gridId && !gridExists(ctx.db, input.gridId)) throw invalidInput(['gridId'], 'not_found');
    for (const id of ids) if (id !== input.newHeadId && input.relations[id] === 'head') throw invalidInput(['relations', id], 'households.one_head');
    const target = uuidv7();
    insertHousehold(ctx.write(), target, {
      address: input.address ?? h.address,
      gridId: input.gridId === undefined ? h.grid_id : input.gridId,
      headResidentId: input.newHeadId,
    });
    for (const id of ids) move(ctx, id, target, id === input.newHeadId ? 'head' : (input.relations[id] ?? 'other'));
    if (headLeaves && input.remainingHeadId) makeHead(ctx, requireHousehold(ctx, h.id), input.remainingHeadId, {});
    return householdView(ctx, target);
  },

  'households.merge': (input, ctx) => {
    if (input.keepId === input.mergeId) throw invalidInput(['mergeId'], 'households.same_household');
    const keep = requireHousehold(ctx, input.keepId);
    const merge = requireHousehold(ctx, input.mergeId);
    expectVersion(keep.version, input.keepVersion);
    expectVersion(merge.version, input.mergeVersion);
    const incoming = currentMembers(ctx.db, merge.id);
    const headId = input.headId ?? keep.head_resident_id;
    if (input.headId && !incoming.some((m) => m.resident_id === input.headId) && !currentMembers(ctx.db, keep.id).some((m) => m.resident_id === input.headId)) {
      throw invalidInput(['headId'], 'households.not_member');
    }
    for (const m of incoming) {
      // The chosen head comes in as head; the kept household's old head is settled by makeHead below.
      const relation = m.resident_id === headId ? 'head' : (input.relations[m.resident_id] ?? 'other');
      if (relation === 'head' && m.resident_id !== headId) throw invalidInput(['relations', m.resident_id], 'households.one_head');
      move(ctx, m.resident_id, keep.id, relation);
    }
    tombstoneHousehold(ctx.write(), merge.id, null);
    if (headId && headId !== keep.head_resident_id) makeHead(ctx, requireHousehold(ctx, keep.id), headId, input.relations);
    return householdView(ctx, keep.id);
  },
};
