public import Foundation
public import Logging
public import ServiceLifecycle

/// A poller as a service of `sgw serve`: a run at start, then on the adapter's schedule (its interval or cron); a
/// failed run is tried again after a backoff that doubles up to `max_backoff`, with jitter, and never sooner than the
/// source's `Retry-After`. A graceful shutdown stops it between pages (a page being stored is stored whole).
public struct PollService: Service {
    /// The poller.
    public let poller: HTTPPoller
    let logger: Logger

    /// A service running `poller`.
    public init(poller: HTTPPoller, logger: Logger) {
        self.poller = poller
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            // The shutdown asked for.
        }
    }

    func loop() async throws {
        var failures = 0
        let settings = poller.settings
        while !Task.isCancelled {
            let delay: TimeInterval
            do {
                let summary = try await poller.runOnce()
                failures = 0
                logger.info("poll \(poller.adapter): \(summary)")
                let next = settings.cron?.next(after: Date()) ?? Date().addingTimeInterval(settings.interval)
                delay = next.timeIntervalSinceNow
            } catch is CancellationError {
                return
            } catch where Task.isCancelled {
                return  // a request cut short by the shutdown: not the source's failure
            } catch {
                failures += 1
                poller.events.failed()
                delay = Self.backoff(failures: failures, max: settings.maxBackoff,
                                     retryAfter: (error as? HTTPPoller.Failure)?.retryAfter, jitter: Double.random(in: 0.5...1))
                logger.warning("poll \(poller.adapter): \(error); trying again in \(Int(delay.rounded())) s (failure \(failures))")
            }
            try await Task.sleep(for: .milliseconds(Int(max(0, delay) * 1000)))
        }
    }

    /// The wait after the `failures`th failure in a row: 2^n seconds up to `max`, times `jitter` (0.5 to 1), and not
    /// less than the source's `Retry-After`.
    public static func backoff(failures: Int, max: TimeInterval, retryAfter: TimeInterval?, jitter: Double) -> TimeInterval {
        let base = min(max, pow(2, Double(min(failures, 30))))
        return Swift.max(base * jitter, min(retryAfter ?? 0, max))
    }
}
