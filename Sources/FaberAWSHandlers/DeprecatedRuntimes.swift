import FaberOpsModel

/// Lambda runtimes with their deprecation dates (the "Deprecation date" column of the AWS Lambda
/// runtimes page, "Runtime deprecation policy"). After the date AWS no longer patches the runtime.
/// Keep this table current; it is the only place these dates live.
enum DeprecatedRuntimes {
    static let dates: [String: String] = [
        "nodejs": "2016-10-31",
        "nodejs4.3": "2020-03-05",
        "nodejs4.3-edge": "2019-04-30",
        "nodejs6.10": "2019-08-12",
        "nodejs8.10": "2020-03-06",
        "nodejs10.x": "2021-07-30",
        "nodejs12.x": "2023-03-31",
        "nodejs14.x": "2023-12-04",
        "nodejs16.x": "2024-06-12",
        "nodejs18.x": "2025-09-01",
        "nodejs20.x": "2026-04-30",
        "python2.7": "2021-07-15",
        "python3.6": "2022-07-18",
        "python3.7": "2023-12-04",
        "python3.8": "2024-10-14",
        "python3.9": "2025-12-15",
        "python3.10": "2026-06-30",
        "ruby2.5": "2021-07-30",
        "ruby2.7": "2023-12-07",
        "ruby3.2": "2026-03-31",
        "java8": "2024-01-08",
        "go1.x": "2024-01-08",
        "provided": "2024-01-08",
        "dotnetcore1.0": "2019-07-30",
        "dotnetcore2.0": "2019-05-30",
        "dotnetcore2.1": "2022-01-05",
        "dotnetcore3.1": "2023-04-03",
        "dotnet5.0": "2022-05-10",
        "dotnet6": "2024-12-20",
        "dotnet7": "2024-05-14",
    ]

    /// Runtimes whose deprecation is this many days away or less are reported as upcoming.
    static let warningDays = 180

    enum Standing: Equatable {
        case deprecated(since: String)
        case deprecating(on: String, inDays: Int)
        case supported
    }

    /// Where `runtime` stands on `today` (`YYYY-MM-DD`).
    static func standing(of runtime: String, today: String) -> Standing {
        guard let date = dates[runtime] else { return .supported }
        if date <= today { return .deprecated(since: date) }
        guard let until = ISOTime.parse(date), let now = ISOTime.parse(today) else { return .supported }
        let days = Int((until.timeIntervalSince(now) / 86400).rounded())
        return days <= warningDays ? .deprecating(on: date, inDays: days) : .supported
    }
}
