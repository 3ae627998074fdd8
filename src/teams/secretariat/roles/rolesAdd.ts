import { z } from 'zod';
import type { MessageKey, Params } from '../../../domain/i18n';
import { MEMBER_CATEGORIES, SECRETARIAT_GROUP, isOfficer, samePerson, type Grant, type MemberCategory, type Person, type Role } from '../../../domain/roles';
import { parseId, parseOrganisations, parsePersonChoice } from '../../../domain/secretariat/role-input';
import type { ActionHandler } from '../../actions/types';
import type { AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { formCard, type FormField } from '../cards';
import { actorId, requireOfficer } from '../../requireOfficer';
import { categoryName, groupChoices, groupName, placeOfChoice, roleName } from './groupNames';
import { rolesCard } from './rolesCard';
import { MAX_MEMBERS_SHOWN, memberValue, teamMembers, type TeamMember } from './teamContext';

// `mode`, not `role`: the member form has an input called role, and inputs are merged into the data.
const Mode = z.object({ mode: z.enum(['secretariat', 'member']).catch('member') });
type Mode = 'secretariat' | 'member';

type Errors = Partial<Record<string, string>>;

/** The add form: a member list in a team channel, pasted ids elsewhere; the role and group for members. */
function addForm(
  turn: Turn,
  mode: Mode,
  members: TeamMember[] | undefined,
  values: Record<string, string> = {},
  errors: Errors = {},
  summary = '',
): AdaptiveCard {
  const { t } = turn;
  const fields: FormField[] = [];
  if (members?.length) {
    fields.push({
      id: 'person',
      kind: 'choice',
      label: t('roles.field.person'),
      required: true,
      value: values.person ?? '',
      placeholder: t('wizard.choose'),
      choices: members.slice(0, MAX_MEMBERS_SHOWN).map((m) => ({ title: m.name, value: memberValue(m) })),
      error: errors.person,
    });
  } else {
    fields.push(
      {
        id: 'aadObjectId',
        kind: 'text',
        label: t('roles.field.aadObjectId'),
        required: true,
        maxLength: 36,
        value: values.aadObjectId ?? '',
        hint: t('roles.hint.aadObjectId'),
        error: errors.aadObjectId,
      },
      {
        id: 'tenantId',
        kind: 'text',
        label: t('roles.field.tenantId'),
        required: true,
        maxLength: 36,
        value: values.tenantId ?? turn.caller.tenantId,
        error: errors.tenantId,
      },
      { id: 'displayName', kind: 'text', label: t('roles.field.displayName'), maxLength: 200, value: values.displayName ?? '', error: errors.displayName },
    );
  }
  if (mode === 'member') {
    fields.push(
      {
        id: 'role',
        kind: 'choice',
        label: t('roles.field.role'),
        required: true,
        value: values.role ?? 'member',
        choices: (['member', 'chair', 'guest'] as const).map((r) => ({ title: roleName(turn, r), value: r })),
        error: errors.role,
      },
      {
        id: 'category',
        kind: 'choice',
        label: t('roles.field.category'),
        value: values.category ?? '',
        placeholder: t('wizard.choose'),
        choices: MEMBER_CATEGORIES.map((c) => ({ title: categoryName(turn, c), value: c })),
        hint: t('roles.hint.category'),
        error: errors.category,
      },
      {
        id: 'group',
        kind: 'choice',
        label: t('roles.field.group'),
        required: true,
        value: values.group ?? '',
        placeholder: t('wizard.choose'),
        choices: groupChoices(turn),
        error: errors.group,
      },
      {
        id: 'organisations',
        kind: 'textarea',
        label: t('roles.field.organisations'),
        maxLength: 2000,
        value: values.organisations ?? '',
        hint: t('roles.hint.organisations'),
        error: errors.organisations,
      },
    );
  }
  return formCard({
    required: turn.t('form.required'),
    title: mode === 'secretariat' ? t('roles.form.officerTitle') : t('roles.form.memberTitle'),
    intro: members?.length ? t('roles.form.introChannel') : t('roles.form.introPersonal'),
    errorSummary: summary || (Object.keys(errors).length ? t('secretariat.errorSummary') : ''),
    fields,
    actions: [action(t('roles.add'), 'roles.add', { mode }, { inputs: 'auto', style: 'positive' }), action(t('secretariat.cancel'), 'roles.list', {})],
  });
}

/** `roles.addForm` {mode: 'secretariat' | 'member'}. */
export const rolesAddForm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  return { card: addForm(turn, Mode.parse(data).mode, await teamMembers(turn)) };
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** `roles.add`: checks the person and the rules, then stores the grant (one role per group). */
export const rolesAdd: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const { t, services } = turn;
  // Officers are the County Governor's (every forum); members and chairs their forum's.
  let forum = services.regions.id;
  const mode = Mode.parse(data).mode;
  const values = Object.fromEntries(
    ['person', 'aadObjectId', 'tenantId', 'displayName', 'role', 'group', 'organisations', 'category'].map((k) => [k, text(data[k])]),
  );
  const members = await teamMembers(turn);
  const errors: Errors = {};
  const say = (key: MessageKey, params?: Params) => t(key, params);

  let person: Person | undefined;
  let displayName: string | undefined;
  if (members?.length) {
    person = parsePersonChoice(values.person);
    const member = person && members.find((m) => samePerson({ tenantId: m.tenantId.toLowerCase(), aadObjectId: m.aadObjectId.toLowerCase() }, person!));
    if (!values.person) errors.person = say('roles.error.person');
    else if (!member) errors.person = say('roles.error.notTeamMember');
    displayName = member?.name;
  } else {
    const aad = parseId(values.aadObjectId);
    const tenant = parseId(values.tenantId);
    if (!aad.ok) errors.aadObjectId = say(aad.problem.key, aad.problem.params);
    if (!tenant.ok) errors.tenantId = say(tenant.problem.key, tenant.problem.params);
    if (aad.ok && tenant.ok) person = { tenantId: tenant.id, aadObjectId: aad.id };
    displayName = values.displayName.replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
  }
  let role: Role = 'secretariat';
  let group = SECRETARIAT_GROUP;
  let organisations: string[] = [];
  let category: MemberCategory | undefined;
  if (mode === 'member') {
    role = values.role === 'chair' ? 'chair' : values.role === 'guest' ? 'guest' : 'member';
    if (values.category && !(MEMBER_CATEGORIES as readonly string[]).includes(values.category)) errors.category = say('report.error.unknownChoice');
    else category = (values.category as MemberCategory) || (role === 'guest' ? 'invited' : undefined);
    const place = placeOfChoice(turn, values.group);
    if (!place) errors.group = say(values.group ? 'report.error.unknownChoice' : 'report.error.chooseOne');
    else ({ forum, group } = place);
    const orgs = parseOrganisations(values.organisations);
    if (!orgs.ok) errors.organisations = say(orgs.problem.key, orgs.problem.params);
    else organisations = orgs.orgnrs;
  }
  if (!person || Object.keys(errors).length) return { card: addForm(turn, mode, members, values, errors) };

  const held = await services.roles.of(person);
  const existing = held.find((g) => g.forum === forum && g.role === role && g.group === group);
  displayName ??= held.find((g) => g.displayName)?.displayName;
  const name = displayName ?? person.aadObjectId;
  const refuse = (key: MessageKey, params: Params) => ({ card: addForm(turn, mode, members, values, {}, say(key, params)) });
  // The roles table is the County Governor's: a member anywhere in it is no officer, and the other way round.
  if (role === 'secretariat' && held.some((g) => g.role !== 'secretariat')) return refuse('roles.error.memberNotOfficer', { name });
  if (role !== 'secretariat' && isOfficer(held, services.regions.id)) return refuse('roles.error.officerNoVote', { name });
  if (role === 'chair') {
    const other = (await services.roles.inGroup(forum, group)).find((g) => g.role === 'chair' && !samePerson(g.person, person!));
    if (other) return refuse('roles.error.chairTaken', { group: groupName(turn, group, forum), name: other.displayName ?? other.person.aadObjectId });
  }

  const grant: Grant = {
    person,
    forum,
    role,
    group,
    displayName,
    organisations,
    ...(category ? { category } : {}),
    grantedBy: actorId(officer),
    grantedAt: existing?.grantedAt ?? services.now().toISOString(),
  };
  await services.roles.grant(grant);
  // One role per person and group: becoming chair ends the membership, a guest's invitation, and so on.
  if (role !== 'secretariat') {
    for (const other of (['member', 'chair', 'guest'] as const).filter((r) => r !== role))
      if (held.some((g) => g.forum === forum && g.group === group && g.role === other)) await services.roles.revoke(person, forum, other, group);
  }
  services.logger.info('role granted', { forum, role, group });
  const params = { name, role: roleName(turn, role), group: groupName(turn, group, forum) };
  return { card: await rolesCard(turn, { notice: t(existing ? 'roles.updated' : 'roles.added', params) }) };
};
