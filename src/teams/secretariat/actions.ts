import type { ActionHandler } from '../actions/types';
import { secretariatMenu } from './menu';
import { overviewShow } from './overview/overviewShow';
import { channelAssign, channelForm } from './roles/channelAssign';
import { rolesAdd, rolesAddForm } from './roles/rolesAdd';
import { rolesList } from './roles/rolesList';
import { rolesRemove, rolesRemoveConfirm } from './roles/rolesRemove';
import { roundCreate, roundNewForm } from './rounds/roundCreate';
import { roundList } from './rounds/roundList';
import { roundClose, roundCloseConfirm, roundOpen } from './rounds/roundOpenClose';
import { resultsPublish, resultsPublishConfirm } from './rounds/resultsPublish';
import { forumsList } from './forumsList';

/** The secretariat's verbs (every handler starts with requireOfficer), spread into ACTIONS. */
export const SECRETARIAT_ACTIONS = {
  'secretariat.menu': secretariatMenu,
  'roles.list': rolesList,
  'roles.addForm': rolesAddForm,
  'roles.add': rolesAdd,
  'roles.remove': rolesRemove,
  'roles.removeConfirm': rolesRemoveConfirm,
  'channel.form': channelForm,
  'channel.assign': channelAssign,
  'round.list': roundList,
  'round.newForm': roundNewForm,
  'round.create': roundCreate,
  'round.open': roundOpen,
  'round.close': roundClose,
  'round.closeConfirm': roundCloseConfirm,
  'overview.show': overviewShow,
  'results.publish': resultsPublish,
  'results.publishConfirm': resultsPublishConfirm,
  'forums.list': forumsList,
} satisfies Record<string, ActionHandler>;
