"""On the day and after: the attendance list (check-in), participant lists, participation
certificates made by the worker, and the participants' feedback."""
