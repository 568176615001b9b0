// `POST /v1/sync`: a whole sync in one request (docs/ACADEMY.md, "One request per sync").
//
// The request's body is a push (``PushRequest``, the same bytes as `POST /v1/answers`'s) and its
// query carries the three cursors (`releases_after`, `answers_after`, `changes_after`); the
// answer is ``SyncResponse``: the push's acknowledgement, the first page of the pull and the
// first page of the changes.

/// The answer to `POST /v1/sync`: what `POST /v1/answers`, `GET /v1/pull` and
/// `GET /v1/changes` would have answered, in that order, for one token check.
public struct SyncResponse: Codable, Hashable, Sendable {
    /// The push's acknowledgement.
    public var push: PushResponse
    /// The first page of releases and answers after the request's cursors; when it says
    /// ``PullResponse/more``, the device goes on with `GET /v1/pull`.
    public var pull: PullResponse
    /// The first page of retractions and settings after `changes_after`; when it says
    /// ``ChangesPull/more``, the device goes on with `GET /v1/changes`.
    public var changes: ChangesPull

    /// Creates the answer to a sync.
    public init(push: PushResponse, pull: PullResponse, changes: ChangesPull) {
        self.push = push
        self.pull = pull
        self.changes = changes
    }
}

extension AcademyLimits {
    /// The most answers a laptop sends in one `POST /v1/sync`.
    ///
    /// A laptop with more pending (or with retractions or settings to send) syncs with the
    /// separate requests, whose pushes of ``answersPerPush`` go two at a time and whose
    /// acknowledgements are read by hand. The server takes up to ``answersPerPush`` answers in
    /// one sync, as in one push.
    public static let answersPerSync = 1_000
}
