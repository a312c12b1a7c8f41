package io.byokwatch.infra;

import io.byokwatch.infra.BicepParser.BicepParseException;
import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.ForExpr;
import io.byokwatch.infra.BicepSyntax.IfExpr;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Lambda;
import io.byokwatch.infra.BicepSyntax.Member;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Op;
import io.byokwatch.infra.BicepSyntax.Str;
import io.byokwatch.infra.BicepSyntax.Ternary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BicepParserTest {
    @Test
    void declarations_areReadWithTheirDecoratorsConditionsAndLoops() {
        BicepFile f = BicepParser.parse("t.bicep", """
                // comment
                targetScope = 'subscription'
                /* a block
                   comment */
                @description('It\\'s a name.')
                @minLength(3)
                param name string = 'byokwatch'
                param ids array
                #disable-next-line no-unused-vars
                var lower = map(ids, s => toLower(s))
                resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = if (!empty(name)) {
                  name: 'rg-${name}'
                  location: 'westeurope'
                }
                module m 'm.bicep' = [for (id, i) in lower: {
                  name: 'm-${i}'
                  params: {
                    id: id
                  }
                }]
                output n string = rg.name
                """);
        assertEquals("subscription", f.targetScope());
        Decl name = f.find(Kind.PARAM, "name").orElseThrow();
        assertEquals("string", name.typeText());
        assertEquals("It's a name.", ((Str) name.decorator("description").orElseThrow().args().get(0)).literal());
        assertNull(f.find(Kind.PARAM, "ids").orElseThrow().value());
        assertInstanceOf(Lambda.class, ((Call) f.find(Kind.VAR, "lower").orElseThrow().value()).args().get(1));
        Decl rg = f.find(Kind.RESOURCE, "rg").orElseThrow();
        assertEquals("Microsoft.Resources/resourceGroups@2024-03-01", rg.target());
        assertInstanceOf(IfExpr.class, rg.value());
        assertNull(((Str) rg.body().get("name").orElseThrow()).literal(), "interpolated");
        ForExpr loop = f.find(Kind.MODULE, "m").orElseThrow().loop();
        assertEquals("id", loop.item());
        assertEquals("i", loop.index());
        assertInstanceOf(Member.class, f.find(Kind.OUTPUT, "n").orElseThrow().value());
    }

    @Test
    void newlinesSeparateItems_butNotInsideParentheses() {
        Obj o = (Obj) BicepParser.expression("""
                {
                  a: [
                    'x'
                    'y', 'z'
                  ]
                  b: union({
                    c: 1
                  }, true ? {} : {
                    d: 2
                  })
                  'e-f': -1
                }""");
        assertEquals(List.of("a", "b", "e-f"), o.props().stream().map(BicepSyntax.Prop::key).toList());
        assertEquals(3, ((BicepSyntax.Arr) o.get("a").orElseThrow()).items().size());
        Call union = (Call) o.get("b").orElseThrow();
        assertInstanceOf(Ternary.class, union.args().get(1));
        assertInstanceOf(Op.class, o.get("e-f").orElseThrow());
    }

    @Test
    void operatorsNonNullAndSafeAccess_andInterpolationHoles() {
        assertEquals(Set.of("a", "b", "topic", "x"), BicepSyntax.references(BicepParser.expression(
                "a == 'x' && !b ? topic!.identity.principalId : '${x.?y}-${toLower('q')}'")));
        Str multi = (Str) BicepParser.expression("'''\nline one\nline ${two}\n'''");
        assertEquals("line one\nline ${two}\n", multi.literal());
    }

    @Test
    void whatItCannotRead_isAnErrorNamingTheLine_neverASkip() {
        BicepParseException e = assertThrows(BicepParseException.class, () -> BicepParser.parse("bad.bicep",
                "param a string\nresource r 'x@1' = {\n  name: 'r'\n  properties: { a: 1 b: 2 }\n}\n"));
        assertTrue(e.getMessage().startsWith("bad.bicep:4:"), e.getMessage());
        assertThrows(BicepParseException.class, () -> BicepParser.parse("t.bicep", "type t = string\n"));
        assertThrows(BicepParseException.class, () -> BicepParser.parse("t.bicep", "var s = 'unterminated\n"));
    }
}
