import { countiesOfForum, findRegion, forumsOf, localised } from '../../domain/regions';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { menuAction, summaryCard } from './cards';
import { requireOfficer } from '../requireOfficer';

/** `forums.list`: the County Governor's forums as configured, each with its working groups and counties, and where to go next. */
export const forumsList: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const { t, locale, services } = turn;
  const regions = services.regions;
  const groupName = (id: string) => {
    const g = regions.workingGroups.find((w) => w.id === id);
    return g ? localised(g.name, locale) : id;
  };
  const countyName = (county: string) => {
    const r = regions.regions.find((x) => x.county === county);
    return r ? localised(findRegion(regions, r.id)!.name, locale).split(' – ')[0] : county;
  };
  return {
    card: summaryCard({
      title: t('forums.title', { office: localised(regions.name, locale) }),
      sections: forumsOf(regions).map((f) => ({
        title: localised(f.name, locale),
        facts: [
          { title: t('forums.groups'), value: f.workingGroups.map(groupName).join(', ') },
          { title: t('forums.counties'), value: countiesOfForum(regions, f.id).map(countyName).join(', ') },
        ],
      })),
      actions: [action(t('secretariat.menu.roles'), 'roles.list', {}), action(t('secretariat.menu.rules'), 'rules.list', {}), menuAction(t)],
    }),
  };
};
