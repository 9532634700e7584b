package dev.whetstone.resources.icon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Whetstone's application icon, drawn with Java2D at any size: a blade drawn across a sharpening stone, with
 * sparks where they meet, on a deep blue-to-teal tile. The one source of every icon file (PNG, ICO, ICNS).
 *
 * <p>Coordinates are on a 1024-unit canvas, scaled to the size asked for; sparks are left out below 48 px,
 * where they would be noise.
 */
public final class IconArt {
    private static final double CANVAS = 1024;

    private IconArt() {
    }

    /** The icon as a {@code size} x {@code size} ARGB image with a transparent margin. */
    public static BufferedImage draw(int size) {
        if (size < 16 || size > 2048) {
            throw new IllegalArgumentException("size must be in [16, 2048], was " + size);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / CANVAS, size / CANVAS);
            tile(g);
            stone(g);
            blade(g);
            if (size >= 48) {
                sparks(g);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void tile(Graphics2D g) {
        Shape tile = new RoundRectangle2D.Double(40, 40, 944, 944, 220, 220);
        g.setPaint(new GradientPaint(40, 40, new Color(0x1E3A8A), 984, 984, new Color(0x0F766E)));
        g.fill(tile);
        g.setPaint(new GradientPaint(0, 40, new Color(255, 255, 255, 46), 0, 520, new Color(255, 255, 255, 0)));
        g.fill(new RoundRectangle2D.Double(40, 40, 944, 480, 220, 220));
    }

    /** The stone: a slab tilted up to the right, its top face light, its front face darker. */
    private static void stone(Graphics2D g) {
        AffineTransform saved = g.getTransform();
        g.rotate(Math.toRadians(-18), 512, 690);
        g.setPaint(new Color(0x334155));
        g.fill(new RoundRectangle2D.Double(170, 650, 684, 170, 60, 60));
        g.setPaint(new GradientPaint(0, 600, new Color(0xE2E8F0), 0, 740, new Color(0x94A3B8)));
        g.fill(new RoundRectangle2D.Double(170, 600, 684, 140, 60, 60));
        g.setPaint(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(220, 626, 800, 626));
        g.setTransform(saved);
    }

    /** The blade: spine and edge meeting at the tip, which rests on the stone. */
    private static void blade(Graphics2D g) {
        Path2D.Double steel = new Path2D.Double();
        steel.moveTo(236, 236);
        steel.lineTo(320, 190);
        steel.curveTo(520, 330, 640, 470, 700, 585);
        steel.curveTo(560, 520, 400, 410, 236, 236);
        steel.closePath();
        g.setPaint(new GradientPaint(236, 200, new Color(0xF8FAFC), 700, 585, new Color(0xCBD5E1)));
        g.fill(steel);
        g.setPaint(new Color(0xFBBF24));
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double edge = new Path2D.Double();
        edge.moveTo(250, 250);
        edge.curveTo(400, 410, 560, 520, 690, 580);
        g.draw(edge);
        AffineTransform saved = g.getTransform();
        g.rotate(Math.atan2(372, 422), 278, 213);   // along the blade, from its heel toward the tip
        g.setPaint(new GradientPaint(0, 170, new Color(0x7C2D12), 0, 256, new Color(0x431407)));
        g.fill(new RoundRectangle2D.Double(118, 175, 150, 76, 38, 38));
        g.setTransform(saved);
    }

    /** Three four-pointed sparks thrown up from where the blade meets the stone. */
    private static void sparks(Graphics2D g) {
        g.setPaint(new Color(0xFDE68A));
        g.fill(spark(770, 470, 52));
        g.fill(spark(840, 380, 32));
        g.fill(spark(700, 400, 26));
    }

    private static Shape spark(double x, double y, double r) {
        double w = r * 0.28;
        Path2D.Double star = new Path2D.Double();
        star.moveTo(x, y - r);
        star.quadTo(x + w, y - w, x + r, y);
        star.quadTo(x + w, y + w, x, y + r);
        star.quadTo(x - w, y + w, x - r, y);
        star.quadTo(x - w, y - w, x, y - r);
        star.closePath();
        return star;
    }
}
