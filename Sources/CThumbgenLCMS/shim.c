#include "CThumbgenLCMS.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <lcms2.h>

static _Thread_local char cthumbgen_lcms_message[256];
static pthread_once_t cthumbgen_lcms_once = PTHREAD_ONCE_INIT;

static void cthumbgen_lcms_log(cmsContext context, cmsUInt32Number code, const char *text) {
    (void)context;
    snprintf(cthumbgen_lcms_message, sizeof cthumbgen_lcms_message, "%s (lcms error %u)",
             text ? text : "unknown error", (unsigned)code);
}

static void cthumbgen_lcms_install(void) { cmsSetLogErrorHandler(cthumbgen_lcms_log); }

const char *cthumbgen_lcms_last_message(void) { return cthumbgen_lcms_message; }

static int cthumbgen_lcms_space(cmsHPROFILE profile) {
    switch (cmsGetColorSpace(profile)) {
    case cmsSigGrayData: return CTHUMBGEN_LCMS_SPACE_GRAY;
    case cmsSigRgbData: return CTHUMBGEN_LCMS_SPACE_RGB;
    case cmsSigCmykData: return CTHUMBGEN_LCMS_SPACE_CMYK;
    default: return CTHUMBGEN_LCMS_SPACE_OTHER;
    }
}

// Whether an RGB matrix/TRC profile is sRGB: colorants (rXYZ/gXYZ/bXYZ, D50-adapted) within
// 0.003 of IEC 61966-2-1's as LittleCMS builds them, and each TRC within 0.004 of the sRGB curve
// at several points (ICC.1:2022 §F.3 matrix/TRC model). LUT-based profiles are never "sRGB"
// here: they are converted, which is correct, only slower.
static int cthumbgen_lcms_is_srgb(cmsHPROFILE profile) {
    static const cmsTagSignature colorants[3] = { cmsSigRedColorantTag, cmsSigGreenColorantTag, cmsSigBlueColorantTag };
    static const cmsTagSignature curves[3] = { cmsSigRedTRCTag, cmsSigGreenTRCTag, cmsSigBlueTRCTag };
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    if (!srgb) return 0;
    int same = 1;
    for (int i = 0; i < 3 && same; i++) {
        const cmsCIEXYZ *mine = cmsReadTag(profile, colorants[i]);
        const cmsCIEXYZ *reference = cmsReadTag(srgb, colorants[i]);
        const cmsToneCurve *curve = cmsReadTag(profile, curves[i]);
        const cmsToneCurve *reference_curve = cmsReadTag(srgb, curves[i]);
        if (!mine || !reference || !curve || !reference_curve) { same = 0; break; }
        if (fabs(mine->X - reference->X) > 0.003 || fabs(mine->Y - reference->Y) > 0.003 ||
            fabs(mine->Z - reference->Z) > 0.003) same = 0;
        for (int step = 1; step < 10 && same; step++) {
            cmsFloat32Number v = (cmsFloat32Number)step / 10.0f;
            if (fabsf(cmsEvalToneCurveFloat(curve, v) - cmsEvalToneCurveFloat(reference_curve, v)) > 0.004f) same = 0;
        }
    }
    cmsCloseProfile(srgb);
    return same;
}

int cthumbgen_lcms_profile_info(const uint8_t *profile, size_t length, int *space, int *is_srgb) {
    pthread_once(&cthumbgen_lcms_once, cthumbgen_lcms_install);
    cthumbgen_lcms_message[0] = 0;
    *space = CTHUMBGEN_LCMS_SPACE_OTHER;
    *is_srgb = 0;
    if (!profile || length < 128 || length > 0xFFFFFFFFu) return 1;
    cmsHPROFILE handle = cmsOpenProfileFromMem(profile, (cmsUInt32Number)length);
    if (!handle) return 1;
    *space = cthumbgen_lcms_space(handle);
    if (*space == CTHUMBGEN_LCMS_SPACE_RGB) *is_srgb = cthumbgen_lcms_is_srgb(handle);
    cmsCloseProfile(handle);
    return 0;
}

void *cthumbgen_lcms_transform_create(const uint8_t *profile, size_t length, int layout) {
    pthread_once(&cthumbgen_lcms_once, cthumbgen_lcms_install);
    cthumbgen_lcms_message[0] = 0;
    if (!profile || length < 128 || length > 0xFFFFFFFFu) {
        snprintf(cthumbgen_lcms_message, sizeof cthumbgen_lcms_message, "profile too short");
        return NULL;
    }
    cmsHPROFILE input = cmsOpenProfileFromMem(profile, (cmsUInt32Number)length);
    if (!input) return NULL;
    cmsHPROFILE output = NULL;
    cmsUInt32Number in_format = 0, out_format = 0, flags = cmsFLAGS_NOCACHE;
    cmsToneCurve *curve = NULL;
    switch (layout) {
    case CTHUMBGEN_LCMS_GRAY:
    case CTHUMBGEN_LCMS_GRAY_ALPHA: {
        // Gray stays gray: the output is a gray profile with the sRGB tone curve
        // (IEC 61966-2-1: gamma 2.4 segment with a linear toe), D50 white.
        cmsFloat64Number params[5] = { 2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045 };
        curve = cmsBuildParametricToneCurve(NULL, 4, params);
        output = curve ? cmsCreateGrayProfile(cmsD50_xyY(), curve) : NULL;
        in_format = layout == CTHUMBGEN_LCMS_GRAY ? TYPE_GRAY_8 : TYPE_GRAYA_8;
        out_format = in_format;
        break;
    }
    case CTHUMBGEN_LCMS_RGB: in_format = TYPE_RGB_8; out_format = TYPE_RGB_8; break;
    case CTHUMBGEN_LCMS_RGBA: in_format = TYPE_RGBA_8; out_format = TYPE_RGBA_8; break;
    case CTHUMBGEN_LCMS_CMYK: in_format = TYPE_CMYK_8; out_format = TYPE_RGB_8; break;
    case CTHUMBGEN_LCMS_CMYK_INVERTED: in_format = TYPE_CMYK_8_REV; out_format = TYPE_RGB_8; break;
    default:
        snprintf(cthumbgen_lcms_message, sizeof cthumbgen_lcms_message, "unknown layout %d", layout);
        cmsCloseProfile(input);
        return NULL;
    }
    if (layout == CTHUMBGEN_LCMS_GRAY_ALPHA || layout == CTHUMBGEN_LCMS_RGBA) flags |= cmsFLAGS_COPY_ALPHA;
    if (!output) output = cmsCreate_sRGBProfile();
    cmsHTRANSFORM transform = NULL;
    if (output) {
        transform = cmsCreateTransform(input, in_format, output, out_format, INTENT_PERCEPTUAL, flags);
    }
    if (curve) cmsFreeToneCurve(curve);
    if (output) cmsCloseProfile(output);
    cmsCloseProfile(input);
    return transform;
}

void cthumbgen_lcms_transform_apply(void *transform, const void *input, void *output, uint32_t pixel_count) {
    if (transform && pixel_count) cmsDoTransform((cmsHTRANSFORM)transform, input, output, pixel_count);
}

void cthumbgen_lcms_transform_free(void *transform) {
    if (transform) cmsDeleteTransform((cmsHTRANSFORM)transform);
}
