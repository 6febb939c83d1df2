/* Helper of make_cmyk_references.py (built and run by it; not part of thumbgen).
 *
 *   profile OUT.icc
 *       Writes a small CMYK input profile made for these tests (ICC v2.1, class 'scnr', CMYK
 *       data, Lab PCS, one lut16 A2B0 with a 7^4 grid) from a made-up ink model: each ink's
 *       coverage gains a dot (c^0.8), inks are not pure (cyan dims green a little, magenta
 *       blue), black is 90 % dense; the reflectances are taken as linear sRGB (D50-adapted
 *       matrix of ICC's sRGB profile) and turned into Lab by LittleCMS. Any plausible model
 *       serves: the test only needs a real CMYK profile that differs from the naive rule.
 *
 *   jpeg IN.cmyk WIDTH HEIGHT PROFILE.icc cmyk|ycck OUT.jpg
 *       Compresses raw 8-bit CMYK rows (stored inverted, 255 - ink, as Adobe's APP14 files
 *       do) with libjpeg-turbo at quality 95, as CMYK or as YCCK (libjpeg's own CMYK -> YCCK
 *       transform), with the Adobe marker libjpeg writes for both and PROFILE in APP2.
 */
#include <lcms2.h>
#include <jpeglib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sample(const cmsUInt16Number in[], cmsUInt16Number out[], void *cargo) {
    (void)cargo;
    double c = pow(in[0] / 65535.0, 0.8), m = pow(in[1] / 65535.0, 0.8);
    double y = pow(in[2] / 65535.0, 0.8), k = pow(in[3] / 65535.0, 0.8);
    double black = 1 - 0.9 * k;
    double r = (1 - 0.95 * c) * black;
    double g = (1 - 0.95 * m) * (1 - 0.06 * c) * black;
    double b = (1 - 0.95 * y) * (1 - 0.12 * m) * black;
    cmsCIEXYZ xyz = {
        0.4360747 * r + 0.3850649 * g + 0.1430804 * b,
        0.2225045 * r + 0.7168786 * g + 0.0606169 * b,
        0.0139322 * r + 0.0971045 * g + 0.7141733 * b,
    };
    cmsCIELab lab;
    cmsXYZ2Lab(cmsD50_XYZ(), &lab, &xyz);
    cmsFloat2LabEncodedV2(out, &lab);
    return 1;
}

static int make_profile(const char *path) {
    cmsHPROFILE profile = cmsCreateProfilePlaceholder(NULL);
    cmsSetProfileVersion(profile, 2.1);
    cmsSetDeviceClass(profile, cmsSigInputClass);
    cmsSetColorSpace(profile, cmsSigCmykData);
    cmsSetPCS(profile, cmsSigLabData);
    cmsSetHeaderRenderingIntent(profile, INTENT_PERCEPTUAL);
    cmsPipeline *lut = cmsPipelineAlloc(NULL, 4, 3);
    cmsStage *clut = cmsStageAllocCLut16bit(NULL, 7, 4, 3, NULL);
    if (!lut || !clut || !cmsStageSampleCLut16bit(clut, sample, NULL, 0)) return 1;
    cmsPipelineInsertStage(lut, cmsAT_END, clut);
    cmsMLU *text = cmsMLUalloc(NULL, 1);
    cmsMLUsetASCII(text, "en", "US", "thumbgen test CMYK (made-up ink model)");
    cmsWriteTag(profile, cmsSigProfileDescriptionTag, text);
    cmsMLUsetASCII(text, "en", "US", "No copyright: made for thumbgen's tests, CC0");
    cmsWriteTag(profile, cmsSigCopyrightTag, text);
    cmsWriteTag(profile, cmsSigMediaWhitePointTag, cmsD50_XYZ());
    if (!cmsWriteTag(profile, cmsSigAToB0Tag, lut)) return 1;
    int ok = cmsSaveProfileToFile(profile, path);
    cmsMLUfree(text);
    cmsPipelineFree(lut);
    cmsCloseProfile(profile);
    return ok ? 0 : 1;
}

static unsigned char *read_all(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(*size);
    if (fread(bytes, 1, *size, file) != (size_t)*size) { free(bytes); bytes = NULL; }
    fclose(file);
    return bytes;
}

static int make_jpeg(const char *raw_path, int width, int height, const char *icc_path, const char *space, const char *out_path) {
    long raw_size = 0, icc_size = 0;
    unsigned char *raw = read_all(raw_path, &raw_size), *icc = read_all(icc_path, &icc_size);
    if (!raw || !icc || raw_size != (long)width * height * 4) return 1;
    FILE *out = fopen(out_path, "wb");
    if (!out) return 1;
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, out);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_colorspace(&cinfo, strcmp(space, "ycck") == 0 ? JCS_YCCK : JCS_CMYK);
    jpeg_set_quality(&cinfo, 95, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    jpeg_write_icc_profile(&cinfo, icc, (unsigned)icc_size);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = raw + (size_t)cinfo.next_scanline * width * 4;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    fclose(out);
    free(raw);
    free(icc);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "profile") == 0) return make_profile(argv[2]);
    if (argc == 8 && strcmp(argv[1], "jpeg") == 0) return make_jpeg(argv[2], atoi(argv[3]), atoi(argv[4]), argv[5], argv[6], argv[7]);
    fprintf(stderr, "usage: profile OUT.icc | jpeg IN.cmyk W H PROFILE.icc cmyk|ycck OUT.jpg\n");
    return 2;
}
