import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LadderServer

@Suite("POST /api/v1/assess with untrusted bodies")
struct AssessBodyTests {
    static func post(_ client: some TestClientProtocol, _ text: String) async throws -> (Int, [String: Any]) {
        try await client.execute(uri: "/api/v1/assess", method: .post, body: ByteBuffer(string: text)) { response in
            let object = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
            return (Int(response.status.code), (object as? [String: Any]) ?? ["array": object])
        }
    }

    @Test("A malformed body is a 400 naming its line and column")
    func malformed() async throws {
        try await ServerFixture.withServer { client in
            let body = "<?xml version=\"1.0\"?>\n<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\">\n  <Enterprise id=\"x\">\n    <Name>a</Nme>\n"
            let (status, error) = try await Self.post(client, body)
            #expect(status == 400)
            #expect(error["line"] as? Int == 4)
            #expect((error["column"] as? Int ?? 0) > 0)
            #expect((error["error"] as? String)?.hasPrefix("body:4:") == true)
            #expect((error["error"] as? String)?.contains(NSTemporaryDirectory()) == false)
        }
    }

    @Test("An entity declaration is refused, as import refuses it")
    func entities() async throws {
        try await ServerFixture.withServer { client in
            let body = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Registry xmlns=\"urn:techladder:registry:1\" exportedAt=\"2025-12-31\">&x;</Registry>\n"
            let (status, error) = try await Self.post(client, body)
            #expect(status == 400)
            #expect(error["line"] as? Int == 2)
        }
    }

    @Test("An empty body or one in no known layout is a 400")
    func emptyOrUnknown() async throws {
        try await ServerFixture.withServer { client in
            let empty = try await Self.post(client, "")
            #expect(empty.0 == 400)
            let other = try await Self.post(client, "<?xml version=\"1.0\"?><Other/>")
            #expect(other.0 == 400)
        }
    }

    @Test("A body over the limit is a 413")
    func tooLarge() async throws {
        try await ServerFixture.withServer(maxAssessBytes: 1024) { client in
            let body = String(repeating: "<!-- padding -->", count: 200)
            let status = try await client.execute(uri: "/api/v1/assess", method: .post, body: ByteBuffer(string: body)) {
                Int($0.status.code)
            }
            #expect(status == 413)
        }
    }
}
