import type { ActionHandler } from '../actions/types';
import { meetingCreate, meetingList, meetingNew } from './meetingNew';
import { meetingCsv, meetingRecommendation } from './meetingRecommendation';
import { meetingAdd, meetingMove, meetingPost, meetingRemove, meetingShow } from './meetingShow';
import { voteClose } from './voteClose';
import { voteMark } from './voteMark';
import { voteNeed } from './voteNeed';
import { planForm, planSave } from './planEdit';
import { voteOpen } from './voteOpen';
import { voteRefresh } from './voteRefresh';

/** Forum meetings: officers build agendas and run votes; members vote in the channel. */
export const FORUM_ACTIONS = {
  'meeting.list': meetingList,
  'meeting.new': meetingNew,
  'meeting.create': meetingCreate,
  'meeting.show': meetingShow,
  'meeting.add': meetingAdd,
  'meeting.remove': meetingRemove,
  'meeting.move': meetingMove,
  'meeting.post': meetingPost,
  'meeting.recommendation': meetingRecommendation,
  'meeting.csv': meetingCsv,
  'vote.open': voteOpen,
  'vote.mark': voteMark,
  'vote.refresh': voteRefresh,
  'vote.close': voteClose,
  'vote.need': voteNeed,
  'plan.form': planForm,
  'plan.save': planSave,
} satisfies Record<string, ActionHandler>;
