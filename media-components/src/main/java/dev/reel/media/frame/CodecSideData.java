package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Stream-level side data of codec parameters (display matrix, HDR mastering display and light
 * level): finding, adding, removing, and the rotation a display matrix means. Operates on
 * parameters the caller owns exclusively.
 */
final class CodecSideData {
    /** A display matrix: 3x3 32-bit fixed-point numbers. */
    private static final int DISPLAY_MATRIX_BYTES = 9 * 4;

    private CodecSideData() {
    }

    /** The side data of this AV_PKT_DATA_* type, or null. */
    static AVPacketSideData get(AVCodecParameters p, int type) {
        int n = p.nb_coded_side_data();
        if (n <= 0) {
            return null;
        }
        AVPacketSideData sd = av_packet_side_data_get(p.coded_side_data(), n, type);
        return sd == null || sd.isNull() ? null : sd;
    }

    /** New side data of this type and size (replacing any of the same type); contents unset. */
    static AVPacketSideData add(AVCodecParameters p, int type, long size) {
        // The binding passes array and count by reference and writes the new ones back.
        IntPointer cnt = new IntPointer(1).put(p.nb_coded_side_data());
        PointerPointer<AVPacketSideData> arr = new PointerPointer<AVPacketSideData>(1).put(p.coded_side_data());
        AVPacketSideData added = av_packet_side_data_new(arr, cnt, type, size, 0);
        p.coded_side_data(new AVPacketSideData(arr.get(0)));
        p.nb_coded_side_data(cnt.get());
        arr.close();
        cnt.close();
        if (added == null || added.isNull()) {
            throw new OutOfMemoryError("av_packet_side_data_new");
        }
        return added;
    }

    /** Side data of this type holding a copy of {@code size} bytes at {@code data}. */
    static void put(AVCodecParameters p, int type, Pointer data, long size) {
        Pointer.memcpy(add(p, type, size).data(), data, size);
    }

    /** Sets the display matrix to {@code degreesClockwise} (a multiple of 360 removes it). */
    static void setRotation(AVCodecParameters p, int degreesClockwise) {
        AVPacketSideData sd = get(p, AV_PKT_DATA_DISPLAYMATRIX);
        if (degreesClockwise % 360 == 0) {
            if (sd != null) {
                IntPointer cnt = new IntPointer(1).put(p.nb_coded_side_data());
                av_packet_side_data_remove(p.coded_side_data(), cnt, AV_PKT_DATA_DISPLAYMATRIX);
                p.nb_coded_side_data(cnt.get());
                cnt.close();
            }
            return;
        }
        if (sd == null) {
            sd = add(p, AV_PKT_DATA_DISPLAYMATRIX, DISPLAY_MATRIX_BYTES);
        }
        // av_display_rotation_set takes clockwise degrees (av_display_rotation_get returns counter-clockwise).
        av_display_rotation_set(new IntPointer(sd.data()), degreesClockwise);
    }

    /**
     * Degrees (0, 90, 180, 270) the display matrix rotates clockwise; 0 without one, and 0 for an angle
     * more than a degree off a right angle (a damaged or sheared matrix: shown as stored, see
     * docs/transcode.md; ffmpeg rotates by such angles and fills the corners).
     */
    static int rotation(AVCodecParameters p) {
        AVPacketSideData sd = get(p, AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.size() < DISPLAY_MATRIX_BYTES) {
            return 0;
        }
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        double cw = ((-ccw % 360) + 360) % 360;
        long right = Math.round(cw / 90) * 90;
        return Math.abs(cw - right) <= 1 ? (int) (right % 360) : 0;
    }
}
