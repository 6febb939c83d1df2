import Foundation
import Synchronization
import Testing
import ThumbgenTestSupport

@testable import ThumbgenAWS

/// `LogTail` following a real emulator (moto) while events are put, on a background thread.
@Suite(.enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.skipMessage)))
struct CloudWatchLogsTailTests {
    typealias Support = CloudWatchLogsTestSupport

    /// A tail running on its own thread; what it delivered and how many polls it finished.
    final class RunningTail: Sendable {
        let events = Mutex<[FilteredLogEvent]>([])
        let notices = Mutex<[String]>([])
        let polls = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let done = Atomic<Bool>(false)
        let outcome = Mutex<Result<LogTail.Summary, AWSError>?>(nil)

        init(_ tail: LogTail) {
            let thread = Thread { [self] in
                let result = Result { () throws(AWSError) in
                    try tail.run(
                        follow: true, shouldStop: { self.stop.load(ordering: .relaxed) },
                        sleep: { duration in
                            self.polls.add(1, ordering: .relaxed)
                            AWSClock.system.sleep(duration)
                        },
                        notice: { message in self.notices.withLock { $0.append(message) } },
                        deliver: { event in self.events.withLock { $0.append(event) } })
                }
                self.outcome.withLock { $0 = result }
                self.done.store(true, ordering: .relaxed)
            }
            thread.start()
        }

        var delivered: [FilteredLogEvent] { events.withLock { $0 } }

        /// Waits (up to 20 s) until `condition` holds.
        func wait(until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while !condition() {
                if Date() > deadline || done.load(ordering: .relaxed) { return false }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return true
        }

        /// Asks the tail to stop (unless `stopping` is false), waits up to 20 s for it to end, and returns its outcome.
        func finish(stopping: Bool = true) -> Result<LogTail.Summary, AWSError>? {
            if stopping { stop.store(true, ordering: .relaxed) }
            let deadline = Date().addingTimeInterval(20)
            while !done.load(ordering: .relaxed), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            return outcome.withLock { $0 }
        }
    }

    static let fast = LogTail.Settings(
        pollInterval: .milliseconds(150), overlapMilliseconds: 10_000,
        followBackoff: AWSRetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50)))

    @Test func followPrintsNewEventsOnNewStreamsOnceWithinTwoPolls() throws {
        let server = try #require(MotoServer.shared)
        let client = Support.client(server)
        let group = try Support.makeGroup(withStream: "first", using: client)
        let early = Support.nowMilliseconds - 5000
        try client.putLogEvents((0..<3).map { InputLogEvent(timestamp: early, message: "early \($0)") }, stream: "first", group: group)

        let running = RunningTail(
            LogTail(
                client: client, query: FilterLogEventsQuery(logGroupName: group, startTime: early - 60_000),
                settings: Self.fast))
        #expect(running.wait { running.delivered.count == 3 })

        let late = Support.nowMilliseconds
        let pollsBefore = running.polls.load(ordering: .relaxed)
        try client.putLogEvents((0..<2).map { InputLogEvent(timestamp: late, message: "late first \($0)") }, stream: "first", group: group)
        try client.createLogStream("second", group: group)
        try client.putLogEvents((0..<2).map { InputLogEvent(timestamp: late, message: "late second \($0)") }, stream: "second", group: group)
        #expect(running.wait { running.delivered.count >= 7 })
        #expect(running.polls.load(ordering: .relaxed) - pollsBefore <= 2)

        // Several more polls over the same overlap window must not repeat anything.
        let pollsAfter = running.polls.load(ordering: .relaxed)
        #expect(running.wait { running.polls.load(ordering: .relaxed) >= pollsAfter + 3 })
        let outcome = try #require(running.finish())
        let summary = try outcome.get()
        #expect(summary.stopped)
        let messages = running.delivered.map(\.message)
        #expect(messages.count == 7)
        #expect(Set(messages) == ["early 0", "early 1", "early 2", "late first 0", "late first 1", "late second 0", "late second 1"])
        #expect(Array(messages.prefix(3)) == ["early 0", "early 1", "early 2"])
        #expect(running.notices.withLock { $0 }.isEmpty)
    }

    @Test func followKeepsGoingThroughThrottling() throws {
        let server = try #require(MotoServer.shared)
        let seeder = Support.client(server)
        let group = try Support.makeGroup(withStream: "s", using: seeder)
        let now = Support.nowMilliseconds
        try seeder.putLogEvents([InputLogEvent(timestamp: now, message: "one")], stream: "s", group: group)
        // 5 failures: the client's 4 attempts of the first poll, then the first attempt of the next.
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 5)
        let running = RunningTail(
            LogTail(
                client: Support.client(server, httpClient: fake),
                query: FilterLogEventsQuery(logGroupName: group, startTime: now - 1000), settings: Self.fast))
        #expect(running.wait { running.delivered.count == 1 })
        try seeder.putLogEvents([InputLogEvent(timestamp: now + 1, message: "two")], stream: "s", group: group)
        #expect(running.wait { running.delivered.count == 2 })
        let summary = try #require(running.finish()).get()
        #expect(summary.events == 2)
        #expect(fake.injected == 5)
        let notices = running.notices.withLock { $0 }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("ThrottlingException") == true)
        #expect(notices.first?.contains("retrying in") == true)
    }

    @Test func aPollFailingBetweenPagesResumesWithoutRepeats() throws {
        let server = try #require(MotoServer.shared)
        let seeder = Support.client(server)
        let group = try Support.makeGroup(withStream: "s", using: seeder)
        let start = Support.nowMilliseconds - 120_000
        try seeder.putLogEvents((0..<20).map { InputLogEvent(timestamp: start + Int64($0) * 3000, message: "e\($0)") }, stream: "s", group: group)
        // Pages of 5: the first two pages pass, then all 4 attempts of page 3 fail, so the poll fails part-way
        // through a minute of events, far more than the 10 s overlap.
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 4, after: 2, status: 500, errorType: "InternalFailure")
        let running = RunningTail(
            LogTail(
                client: Support.client(server, httpClient: fake),
                query: FilterLogEventsQuery(logGroupName: group, startTime: start - 1000, limit: 5),
                settings: Self.fast))
        #expect(running.wait { running.delivered.count >= 20 })
        let pollsAfter = running.polls.load(ordering: .relaxed)
        #expect(running.wait { running.polls.load(ordering: .relaxed) >= pollsAfter + 2 })
        _ = try #require(running.finish()).get()
        #expect(running.delivered.map(\.message) == (0..<20).map { "e\($0)" })
        #expect(fake.injected == 4)
        #expect(running.notices.withLock { $0 }.count == 1)
    }

    @Test func credentialsExpiringMidFollowEndTheTailWithAClearError() throws {
        let server = try #require(MotoServer.shared)
        let seeder = Support.client(server)
        let group = try Support.makeGroup(withStream: "s", using: seeder)
        try seeder.putLogEvents([InputLogEvent(timestamp: Support.nowMilliseconds, message: "before expiry")], stream: "s", group: group)
        let fake = FakeFailingHTTPClient(action: .filterLogEvents, failures: 1, after: 3, errorType: "ExpiredTokenException")
        let running = RunningTail(
            LogTail(
                client: Support.client(server, httpClient: fake),
                query: FilterLogEventsQuery(logGroupName: group, startTime: 0), settings: Self.fast))
        let outcome = try #require(running.finish(stopping: false))
        let error = #expect(throws: AWSError.self) { try outcome.get() }
        #expect(error?.message.hasPrefix("AWS credentials expired during CloudWatch Logs FilterLogEvents for log group '\(group)'") == true)
        #expect(running.delivered.map(\.message) == ["before expiry"])
        #expect(fake.injected == 1)
    }

    @Test func followEndsOnAMissingGroup() throws {
        let server = try #require(MotoServer.shared)
        let running = RunningTail(
            LogTail(
                client: Support.client(server),
                query: FilterLogEventsQuery(logGroupName: "/aws/lambda/absent"), settings: Self.fast))
        let outcome = try #require(running.finish(stopping: false))
        let error = #expect(throws: AWSError.self) { try outcome.get() }
        #expect(error?.serviceCode == "ResourceNotFoundException")
    }
}
