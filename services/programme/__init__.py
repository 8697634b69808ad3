"""The demo programme: a synthetic federation driven through the plan's three years (2021-09 to
2023-12) over the suite's public gRPC APIs, as its real clients would.

* `synthetic` draws the programme from a seed: every actor, every dated step (all SYNTHETIC, 示例);
* `driver` plays it against a running suite, each actor with its own token, many calls at once;
* `bars` shows the progress of the run on stderr;
* `tables` prints readable tables (the demo's result, and the lookups');
* `lookups` answers the main questions asked by hand: `fedstd league/enterprise/standard`.
"""
