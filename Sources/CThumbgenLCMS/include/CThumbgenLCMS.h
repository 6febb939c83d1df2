// CThumbgenLCMS: the only place that includes LittleCMS headers.
//
// LittleCMS does not longjmp; it reports errors through a log handler. The handler installed
// here keeps the last message per thread instead of printing it.
#ifndef CTHUMBGEN_LCMS_H
#define CTHUMBGEN_LCMS_H

#include <stddef.h>
#include <stdint.h>

/// Pixel layouts the transforms read (input) and write (output, always sRGB).
#define CTHUMBGEN_LCMS_GRAY 1           // 1 byte gray  -> 1 byte gray (sRGB tone curve)
#define CTHUMBGEN_LCMS_GRAY_ALPHA 2     // gray + alpha -> gray + alpha (alpha copied)
#define CTHUMBGEN_LCMS_RGB 3            // RGB          -> RGB
#define CTHUMBGEN_LCMS_RGBA 4           // RGBA         -> RGBA (alpha copied)
#define CTHUMBGEN_LCMS_CMYK 5           // CMYK         -> RGB
#define CTHUMBGEN_LCMS_CMYK_INVERTED 6  // Adobe inverted CMYK (0 = full ink) -> RGB

/// Colour space of a profile's device side.
#define CTHUMBGEN_LCMS_SPACE_OTHER 0
#define CTHUMBGEN_LCMS_SPACE_GRAY 1
#define CTHUMBGEN_LCMS_SPACE_RGB 3
#define CTHUMBGEN_LCMS_SPACE_CMYK 4

/// Reads an ICC profile's colour space and whether it is sRGB (matrix/TRC profile whose
/// colorants and tone curves match IEC 61966-2-1 within 8-bit precision).
/// Returns 0 on success, 1 when the bytes are not a profile LittleCMS can open.
int cthumbgen_lcms_profile_info(const uint8_t *profile, size_t length, int *space, int *is_srgb);

/// Creates a perceptual transform from `profile` to sRGB for the given CTHUMBGEN_LCMS_* layout.
/// Returns an opaque transform, or NULL (message in cthumbgen_lcms_last_message()).
/// The transform is created with cmsFLAGS_NOCACHE, so one transform may be used from several
/// threads at once.
void *cthumbgen_lcms_transform_create(const uint8_t *profile, size_t length, int layout);
/// Converts `pixel_count` pixels from `input` to `output` (may be the same buffer when the
/// input and output pixel sizes are equal).
void cthumbgen_lcms_transform_apply(void *transform, const void *input, void *output, uint32_t pixel_count);
/// Frees a transform. Accepts NULL.
void cthumbgen_lcms_transform_free(void *transform);
/// The last LittleCMS error message on this thread (empty when none).
const char *cthumbgen_lcms_last_message(void);

#endif
