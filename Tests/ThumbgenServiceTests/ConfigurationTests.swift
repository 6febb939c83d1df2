import Testing
import ThumbgenImaging

@testable import ThumbgenService

@Suite struct ConfigurationTests {
    let buckets = ["THUMBGEN_ORIGINALS_BUCKET": "originals", "THUMBGEN_THUMBNAILS_BUCKET": "thumbs"]

    @Test func defaults() throws {
        let configuration = try ServiceConfiguration.from(environment: buckets)
        #expect(configuration.sizes == [256])
        #expect(configuration.format == .auto)
        #expect(configuration.quality == 80)
        #expect(configuration.maxPixels == 100_000_000)
        #expect(configuration.urlExpiresSeconds == 900)
        #expect(configuration.corsOrigin == "")
    }

    @Test func valuesAsTerraformSetsThem() throws {
        let environment = buckets.merging([
            "THUMBGEN_SIZES": "128, 256,512,256", "THUMBGEN_FORMAT": "png",
            "THUMBGEN_QUALITY": "90", "THUMBGEN_MAX_PIXELS": "50000000",
        ]) { $1 }
        let configuration = try ServiceConfiguration.from(environment: environment)
        #expect(configuration.sizes == [128, 256, 512])
        #expect(configuration.format == .png)
        #expect(configuration.quality == 90)
        #expect(configuration.maxPixels == 50_000_000)
    }

    @Test func sameBucketIsRefused() {
        #expect {
            try ServiceConfiguration.from(environment: ["THUMBGEN_ORIGINALS_BUCKET": "photos", "THUMBGEN_THUMBNAILS_BUCKET": "photos"])
        } throws: { error in
            let error = error as? ServiceError
            return error?.code == .invalidConfiguration && error?.message.contains("endlessly") == true
        }
    }

    @Test(arguments: [
        ["THUMBGEN_SIZES": "big"], ["THUMBGEN_SIZES": "0"], ["THUMBGEN_FORMAT": "gif"], ["THUMBGEN_QUALITY": "101"],
        ["THUMBGEN_MAX_PIXELS": "-1"], ["THUMBGEN_URL_EXPIRES": "604801"], ["THUMBGEN_THUMBNAILS_BUCKET": ""],
    ])
    func badValuesAreRefused(override: [String: String]) {
        #expect(throws: ServiceError.self) { try ServiceConfiguration.from(environment: buckets.merging(override) { $1 }) }
    }
}
