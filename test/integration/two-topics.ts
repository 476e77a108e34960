/**
 * Two needs no product shares words with, in paraphrases that cluster together: the clustering and Inbox tests
 * put them through intake and expect TOPIC_A in one cluster and TOPIC_B in another.
 */
export const TOPIC_A = [
  'Greenhouse humidity sensors report condensation alarms every night in bay four',
  'Condensation alarms from the greenhouse humidity sensors go off every night',
  'Every night the humidity sensors in the greenhouse raise condensation alarms again',
];
export const TOPIC_B = [
  'Ferry timetable widget shows cancelled sailings as departed at the harbour',
  'The harbour ferry timetable widget marks cancelled sailings as departed',
];
