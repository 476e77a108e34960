/** The work-type mix of a set of issues, by story points, as the sprint-shape gadget will read it. */
import type { WorkType } from '../../../src/domain/work-type';
import type { SprintStory } from './sprints';

export interface ShapeMember {
  workType: WorkType | null;
  storyPoints: number | null;
}

export interface ShapeTally {
  pointsByKind: Record<WorkType, number>;
  classifiedPoints: number;
  unclassifiedPoints: number;
  count: number;
  unclassifiedCount: number;
}

export const tallyShape = (members: readonly ShapeMember[]): ShapeTally => {
  const tally: ShapeTally = {
    pointsByKind: { Innovative: 0, Corrective: 0, Enabling: 0 },
    classifiedPoints: 0,
    unclassifiedPoints: 0,
    count: members.length,
    unclassifiedCount: 0,
  };
  for (const member of members) {
    const points = member.storyPoints ?? 0;
    if (member.workType === null) {
      tally.unclassifiedCount += 1;
      tally.unclassifiedPoints += points;
    } else {
      tally.pointsByKind[member.workType] += points;
      tally.classifiedPoints += points;
    }
  }
  return tally;
};

/** Whether a sprint's issues tell its story: each kind's share of classified points near its target, and about as much left untriaged as planned. */
export const tellsStory = (tally: ShapeTally, story: SprintStory): boolean => {
  if (tally.classifiedPoints === 0) return false;
  for (const kind of Object.keys(story.mixByPoints) as WorkType[]) {
    const share = tally.pointsByKind[kind] / tally.classifiedPoints;
    if (Math.abs(share - story.mixByPoints[kind]) > story.tolerance) return false;
  }
  const unclassifiedPointShare = tally.unclassifiedPoints / (tally.classifiedPoints + tally.unclassifiedPoints);
  const pointTolerance = story.unclassifiedShare <= 0.05 ? 0.06 : 0.05;
  return Math.abs(unclassifiedPointShare - story.unclassifiedShare) <= pointTolerance;
};
