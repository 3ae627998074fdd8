import type { ActionHandler } from '../actions/types';
import { colleaguesAdd, colleaguesAddForm } from './colleagueAdd';
import { colleaguesRemove, colleaguesRemoveConfirm } from './colleagueRemove';
import { colleaguesList, colleaguesMine } from './colleaguesShow';

/** Colleagues: who may act for an owner organisation (its people, and officers for any owner). */
export const COLLEAGUE_ACTIONS = {
  'colleagues.mine': colleaguesMine,
  'colleagues.list': colleaguesList,
  'colleagues.addForm': colleaguesAddForm,
  'colleagues.add': colleaguesAdd,
  'colleagues.remove': colleaguesRemove,
  'colleagues.removeConfirm': colleaguesRemoveConfirm,
} satisfies Record<string, ActionHandler>;
