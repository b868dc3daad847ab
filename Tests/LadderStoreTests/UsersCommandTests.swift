import Foundation
import Testing

@Suite("users and log commands")
struct UsersCommandTests {
    @Test("users add reads the password from standard input, keeps only its hash, and the log shows who did what")
    func addListLog() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/users.sqlite"
        let password = "never-in-the-database-7"
        let add = try CommandRunner.run(["users", "add", "laoshan", "--role", "district", "--district", "崂山区", "--db", db],
                                        input: password + "\n")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("laoshan: district (崂山区)"))
        let short = try CommandRunner.run(["users", "add", "viewer1", "--role", "viewer", "--db", db], input: "short\n")
        #expect(short.status == 64)
        #expect(short.stderr.contains("at least 10 characters"))
        let list = try CommandRunner.run(["users", "list", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["districts"] as? [String] == ["370212"])
        #expect(rows.first?.keys.contains { $0.lowercased().contains("password") } == false)
        let token = try CommandRunner.run(["users", "token", "laoshan", "--db", db])
        #expect(token.stdout.hasPrefix("tl_"))
        #expect(try CommandRunner.run(["users", "disable", "laoshan", "--db", db]).status == 0)
        let log = try CommandRunner.run(["log", "--db", db, "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(events.compactMap { $0["action"] as? String } == ["account.add", "token.add", "account.disable"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(bytes.range(of: Data(password.utf8)) == nil)
        #expect(bytes.range(of: Data(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8)) == nil)
    }
}
