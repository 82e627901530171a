package dev.portico.template.vtl;

import static dev.portico.template.vtl.Fixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins each Velocity 1.7 behaviour that the engine's properties restore on Velocity 2.4. */
class VelocityCompatibilityTest {

    @Test
    void spaceGobblingBc_setLineVanishesDirectiveLineKeepsIndentation() {
        // parser.space_gobbling=bc; expected strings are what Velocity 1.7 itself printed for these templates
        assertEquals("a\n    x\n", request().render("a\n  #set($v = 1)\n  #if(true)\nx\n#end\n"));
        assertEquals("x\n        y\n    z\n  ", request().render(
                "x\n    #set($p = 1)\n    y\n  #foreach($i in [1])\n    #set($q = 2)\n  z\n  #end\n"));
    }

    @Test
    void ifEmptyCheckOff_emptyStringAndEmptyListAreTrue() {
        // directive.if.empty_check=false
        assertEquals("s l m", request().render("#if(\"\")s#end #if([])l#end #if({})m#end"));
    }

    @Test
    void ifNullAndFalseAreFalse() {
        assertEquals("[]", request().render("[#if($nothing)n#end#if(false)f#end]"));
    }

    @Test
    void hyphenInIdentifiers() {
        // parser.allow_hyphen_in_identifiers=true: $a-b is one name
        assertEquals("v", request().render("#set($a-b = 'v')$a-b"));
    }

    @Test
    void noArgumentConversion_stringIndexFindsNoMethod() {
        // introspector.conversion_handler.class=none: Velocity 2 would convert "1" to an int here
        assertEquals("[b][]", request().render("#set($l = ['a','b'])[$l.get(1)][$l.get('1')]"));
    }

    @Test
    void undefinedReferenceRendersEmpty() {
        // event_handler.invalid_references.* + EmptyInvalidReferences: API Gateway renders nothing, not "$foo"
        assertEquals("[][][]", request().render("[$foo][$foo.bar][${foo}]"));
    }

    @Test
    void nullReferenceEqualsEmptyStringAndNull() {
        assertEquals("true true", request().render(
                "#set($r = $input.path('$.x'))#if($r == \"\")true#end #if($r == $null)true#end"));
    }

    @Test
    void methodReturningNullRendersEmpty() {
        assertEquals("[]", request().render("#set($m = {})[$m.put('k', 'v')]"));
    }

    @Test
    void quietReferenceRendersEmpty() {
        assertEquals("[]", request().render("[$!foo]"));
    }

    @Test
    void velocityCountAndHasNextFrom17() {
        assertEquals("1a,2b", request().render("#foreach($x in ['a','b'])$velocityCount$x#if($velocityHasNext),#end#end"));
    }

    @Test
    void foreachScope() {
        assertEquals("0:a:true 1:b:false ", request().render(
                "#foreach($x in ['a','b'])$foreach.index:$x:$foreach.hasNext #end"));
    }

    @Test
    void foreachStopsAtMaxLoops() {
        // directive.foreach.max_loops=1000, as API Gateway limits #foreach iterations
        assertEquals("1000", request().render("#set($n = 0)#foreach($i in [1..5000])#set($n = $n + 1)#end$n"));
    }

    @Test
    void integerArithmeticAndRanges() {
        // Velocity 1.7 prints "72" here too: #set takes the blank before it.
        assertEquals("72", request().render("#set($a = 3 + 4)$a #set($b = 5 / 2)$b"));
        assertEquals("[1, 2, 3]", request().render("#set($r = [1..3])$r"));
    }

    @Test
    void macrosWork() {
        assertEquals("<x>", request().render("#macro(wrap $v)<$v>#end#wrap('x')"));
    }

    @Test
    void stringInterpolationInDoubleQuotesOnly() {
        assertEquals("v $a", request().render("#set($a = 'v')#set($b = \"$a\")#set($c = '$a')$b $c"));
    }

    @Test
    void escapedReference() {
        assertEquals("$a", request().render("#set($a = 'v')\\$a"));
    }

    @Test
    void mapAssignmentForms() {
        Fixture f = request();
        assertEquals("", f.render("#set($k = 'a')#set($context.requestOverride.querystring[$k] = '1')"
                + "$context.requestOverride.querystring.put('b', '2')"
                + "#set($context[\"requestOverride\"].querystring[\"c\"] = '3')"));
        assertEquals("{a=1, b=2, c=3}", f.map("requestOverride", "querystring").toString());
    }
}
