import { z } from 'zod';
import { AREA_IDS, areaInput, planFromForm, type ForumPlan } from '../../domain/forum';
import type { MessageKey } from '../../domain/i18n';
import { findForum, forumsOf, localised } from '../../domain/regions';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { formCard, menuAction, type FormField } from '../secretariat/cards';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';

/**
 * `plan.form` / `plan.save`: the secretariat sets a forum's regional plan (a link) and its priority
 * areas, up to six, each named in bokmål and optionally nynorsk and English (issue 23 item 2).
 */

const ForumRef = z.object({ forum: z.string().max(40).optional() }).passthrough();

function forumOf(turn: Turn, data: Record<string, unknown>): string {
  const ref = ForumRef.safeParse(data);
  const forums = forumsOf(turn.services.regions);
  const id = ref.success && ref.data.forum ? ref.data.forum : forums[0].id;
  if (!findForum(turn.services.regions, id)) throw new Refusal('plan.error.forum');
  return id;
}

function planCard(
  turn: Turn,
  forum: string,
  plan: ForumPlan | undefined,
  values?: Record<string, string>,
  errors: Record<string, MessageKey> = {},
  notice = '',
): AdaptiveCard {
  const { t, locale, services } = turn;
  const forums = forumsOf(services.regions);
  const name = localised(findForum(services.regions, forum)!.name, locale);
  const value = (id: string, stored: string | undefined) => values?.[id] ?? stored ?? '';
  const fields: FormField[] = [];
  if (forums.length > 1)
    fields.push({
      id: 'forum',
      kind: 'choice',
      label: t('plan.forum'),
      required: true,
      value: forum,
      choices: forums.map((f) => ({ title: localised(f.name, locale), value: f.id })),
    });
  fields.push({
    id: 'planUrl',
    kind: 'text',
    label: t('plan.url'),
    maxLength: 500,
    value: value('planUrl', plan?.planUrl),
    error: errors.planUrl && t(errors.planUrl),
  });
  // Every area's name in bokmål in view; the optional nynorsk and English names behind one button,
  // so six areas fit on a screen (open when one of them has an error).
  const input = (i: number, l: 'nb' | 'nn' | 'en'): FormField => {
    const id = areaInput(i, l);
    const area = plan?.areas.find((a) => a.id === AREA_IDS[i]);
    return { id, kind: 'text', label: t(`plan.area.${l}`, { n: i + 1 }), maxLength: 120, value: value(id, area?.name[l]), error: errors[id] && t(errors[id]) };
  };
  fields.push({ id: 'areas', kind: 'heading', label: t('plan.areas') });
  AREA_IDS.forEach((_, i) => fields.push(input(i, 'nb')));
  const translations = AREA_IDS.flatMap((_, i) => [input(i, 'nn'), input(i, 'en')]);
  fields.push({
    id: 'translations',
    kind: 'fold',
    label: t('plan.translations'),
    fields: translations,
    open: translations.some((f) => f.error),
  });
  return formCard({
    required: t('form.required'),
    title: t('plan.title', { forum: name }),
    intro: t('plan.intro'),
    notice,
    errorSummary: Object.keys(errors).length ? t('secretariat.errorSummary') : '',
    fields,
    actions: [action(t('plan.save'), 'plan.save', { forum }, { inputs: 'auto', style: 'positive' }), menuAction(t)],
  });
}

export const planForm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const forum = forumOf(turn, data);
  return { card: planCard(turn, forum, await turn.services.plans.get(forum)) };
};

export const planSave: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const forum = forumOf(turn, data);
  const { services, t, locale } = turn;
  const values = Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const read = planFromForm(data);
  if (!read.ok) return { card: planCard(turn, forum, await services.plans.get(forum), values, read.errors) };
  const saved = await services.plans.save({
    forum,
    ...(read.planUrl ? { planUrl: read.planUrl } : {}),
    areas: read.areas,
    updatedBy: officer.person,
    ...(officer.displayName ? { updatedByName: officer.displayName } : {}),
    updatedAt: services.now().toISOString(),
  });
  services.logger.info('forum plan saved', { forum, areas: saved.areas.length });
  const name = localised(findForum(services.regions, forum)!.name, locale);
  return { card: planCard(turn, forum, saved, undefined, {}, t('plan.saved', { forum: name })) };
};
