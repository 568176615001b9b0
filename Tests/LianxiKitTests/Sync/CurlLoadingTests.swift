#if os(Linux)
    import Testing

    @testable import LianxiKit

    /// libcurl is opened when a sync starts; without it, the person learns what to install.
    struct CurlLoadingTests {
        @Test func aMissingLibcurlSaysWhichPackageToInstall() {
            #expect {
                _ = try Curl("libcurl-not-installed.so.4")
            } throws: { error in
                let message = (error as? SyncFailure)?.message ?? ""
                return message.contains("libcurl-not-installed.so.4")
                    && message.contains("sudo apt install libcurl4")
            }
        }

        @Test func theInstalledLibcurlOpens() throws {
            _ = try Curl.shared.get()
        }
    }
#endif
