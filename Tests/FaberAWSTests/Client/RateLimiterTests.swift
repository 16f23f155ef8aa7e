import FaberTestSupport
import Synchronization
import Testing

@testable import FaberAWS

@Suite("Per-service rate limiter")
struct RateLimiterTests {
    @Test func operationRateSpacesStarts() async throws {
        let clock = TestClock()
        let limiter = AWSRateLimiter(limits: AWSRateLimits(requestsPerSecond: nil, operationRates: ["logs.FilterLogEvents": 5]), clock: clock)
        for _ in 0..<5 {
            try await limiter.withPermit(service: "logs", operation: "FilterLogEvents") {}
        }
        // 5 per second: one start every 0.2 s; the first goes at once.
        #expect(clock.sleeps.count == 4)
        #expect(clock.sleeps.allSatisfy { abs($0 - 0.2) < 1e-9 })
        #expect(abs(clock.now() - 0.8) < 1e-9)
        // Other operations of the service are not slowed by it.
        try await limiter.withPermit(service: "logs", operation: "DescribeLogGroups") {}
        #expect(clock.sleeps.count == 4)
    }

    @Test func serviceRateAppliesAcrossOperations() async throws {
        let clock = TestClock()
        let limiter = AWSRateLimiter(limits: AWSRateLimits(requestsPerSecond: 10, operationRates: [:]), clock: clock)
        try await limiter.withPermit(service: "ecs", operation: "ListClusters") {}
        try await limiter.withPermit(service: "ecs", operation: "DescribeServices") {}
        try await limiter.withPermit(service: "lambda", operation: "ListFunctions") {}
        #expect(clock.sleeps.count == 1)
        #expect(abs(clock.sleeps[0] - 0.1) < 1e-9)
    }

    @Test func concurrentCallersBookConsecutiveSlots() async throws {
        // A clock that never advances: every caller books its slot at once and sleeps its own distance.
        let clock = TestClock(.standing)
        let limiter = AWSRateLimiter(limits: AWSRateLimits(requestsPerSecond: nil, operationRates: ["monitoring.GetMetricData": 20]), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try await limiter.withPermit(service: "monitoring", operation: "GetMetricData") {} }
            }
            try await group.waitForAll()
        }
        #expect(clock.sleeps.sorted().map { ($0 * 1000).rounded() } == [50, 100, 150])
    }

    @Test func inFlightCapMakesCallersWait() async throws {
        let limiter = AWSRateLimiter(limits: .unpaced(maxInFlight: 2), clock: TestClock())
        try await limiter.acquire(service: "ecs", operation: "A")
        try await limiter.acquire(service: "ecs", operation: "B")
        #expect(limiter.inFlight(service: "ecs") == 2)
        let third = Task { try await limiter.acquire(service: "ecs", operation: "C") }
        while limiter.waiting(service: "ecs") == 0 { await Task.yield() }
        // Another service is not blocked by ecs.
        try await limiter.acquire(service: "logs", operation: "X")
        limiter.release(service: "logs")
        #expect(limiter.waiting(service: "ecs") == 1)
        limiter.release(service: "ecs")  // hands the slot to the waiter
        try await third.value
        #expect(limiter.waiting(service: "ecs") == 0)
        #expect(limiter.inFlight(service: "ecs") == 2)
        limiter.release(service: "ecs")
        limiter.release(service: "ecs")
        #expect(limiter.inFlight(service: "ecs") == 0)
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        let limiter = AWSRateLimiter(limits: .unpaced(maxInFlight: 1), clock: TestClock())
        try await limiter.acquire(service: "s3", operation: "A")
        let waiter = Task { try await limiter.acquire(service: "s3", operation: "B") }
        while limiter.waiting(service: "s3") == 0 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(limiter.waiting(service: "s3") == 0)
        limiter.release(service: "s3")
        #expect(limiter.inFlight(service: "s3") == 0)
    }
}
