import type { Logger } from '../app/logger';
import type { Tables } from '../storage/tables';
import type { ConversationReferences } from '../storage/conversationReferences';

/** What handlers may use. Built once by the wiring; handlers never construct storage themselves. */
export interface Services {
  tables: Tables;
  references: ConversationReferences;
  logger: Logger;
  now: () => Date;
}
