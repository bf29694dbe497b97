"""Approvals of official accounts' posts: a post goes from draft to submitted, each of its findings is
routed to the role that can lift it (:mod:`postguard.server.approvals.routing`), and the approvers decide;
a resubmission is a new version; an approval lapses at the post's scheduled time or when the post changes.
Nobody approves their own post: the service refuses, and a database constraint refuses too."""
