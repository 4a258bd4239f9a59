"""The Präventionsstrategie of a round: action fields derived from the prioritised problems, measurable
goals with baseline and target, the adoption by a body's decision, and each goal's progress (the
Evaluation per goal), which the measures and the overview read through `progress.goal_progress`."""
